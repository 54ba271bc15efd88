import { AsyncLocalStorage } from "node:async_hooks";

/**
 * While an invitation is accepted, the sign-in link Better Auth makes is handed back to the
 * caller (to redirect the browser to it) instead of being mailed: the invitee proved their
 * address by following the invitation, so a second mail would only be in the way.
 */
export const magicLinkCapture = new AsyncLocalStorage<{ url?: string }>();

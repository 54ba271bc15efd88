import { AsyncLocalStorage } from "node:async_hooks";

/**
 * While an invitation is accepted, the sign-in link Better Auth makes is handed back to the
 * caller (to redirect the browser to it) instead of being mailed: the invitee proved their
 * address by following the invitation, so a second mail would only be in the way.
 *
 * One instance per process, kept on globalThis: the server build bundles its own copy of this
 * module for the routes, while Better Auth's hook runs from the unbundled core loaded by
 * server/services.ts; two instances would never see each other's store.
 */
const key: unique symbol = Symbol.for("chiiki.magicLinkCapture");
const holder = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<{ url?: string }> };
export const magicLinkCapture: AsyncLocalStorage<{ url?: string }> = (holder[key] ??= new AsyncLocalStorage<{ url?: string }>());

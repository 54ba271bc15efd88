import type { AccountsDeps } from "./deps.ts";

/** Attempts of one kind from one client (an IPv6 /64, `clientKey`) in a window. */
export const SIGN_IN_ATTEMPTS_PER_CLIENT = 20;
/** Attempts of one kind at one address in a window. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

export type SignInAttemptKind = "sign-in" | "magic-link" | "password-reset" | "two-factor" | "setup";

/**
 * Sign-in, magic links, password resets, second factors and the first run are limited per client
 * and per address, on top of Better Auth's own limits (which only see requests that go through
 * its HTTP handler). `client` is the resolved client address as `clientKey` counts it (an IPv6
 * /64, like every other per-client limit), never a header a caller could fill; `rate-limited`
 * (429) over either limit.
 */
export async function limitSignInAttempt(
  deps: Pick<AccountsDeps, "limitRate">,
  kind: SignInAttemptKind,
  client: string,
  email?: string,
): Promise<void> {
  if (!deps.limitRate) return;
  const windowMs = SIGN_IN_WINDOW_MS;
  const perClient = kind === "setup" ? 10 : SIGN_IN_ATTEMPTS_PER_CLIENT;
  await deps.limitRate({ key: `${kind}:ip:${client}`, limit: perClient, windowMs });
  if (email)
    await deps.limitRate({
      key: `${kind}:email:${email.trim().toLowerCase()}`,
      limit: SIGN_IN_ATTEMPTS_PER_ADDRESS,
      windowMs,
    });
}

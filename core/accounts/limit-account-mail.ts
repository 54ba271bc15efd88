import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import { isAppError } from "../shared/errors.ts";
import { consumeRateLimit } from "../shared/rate-limit.ts";

/** Sign-in links, refusals and reset links to one address: at most this many per window, together. */
export const ACCOUNT_MAILS_PER_ADDRESS = 5;
export const ACCOUNT_MAIL_WINDOW_MS = 15 * 60_000;

/**
 * Counts one account mail against its address (issue 13, item 11). It sits where Better Auth
 * hands us a mail to send, so every path that can make one is limited, not only our pages (which
 * also answer 429 before asking). Over the limit the mail is dropped without a word: the caller's
 * answer must not say whether an address has an account, nor how many mails it got.
 */
export async function limitAccountMail(
  deps: { db: Kysely<DB>; clock: Clock; rateLimits: boolean },
  email: string,
): Promise<boolean> {
  if (!deps.rateLimits) return true;
  try {
    await consumeRateLimit(deps.db, deps.clock, {
      key: `account-mail:email:${email.trim().toLowerCase()}`,
      limit: ACCOUNT_MAILS_PER_ADDRESS,
      windowMs: ACCOUNT_MAIL_WINDOW_MS,
    });
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "rate-limited") return false;
    throw error;
  }
}

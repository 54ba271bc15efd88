import { sha256 } from "../shared/crypto.ts";

/**
 * The key a partial response is found by: a hash of a secret only the respondent holds (their
 * invitation token, or a random token in a cookie). It differs from the invitation's own
 * token_hash, so the stored rows cannot be joined to tell who answered what.
 */
export function resumeHashOf(secret: string): string {
  return sha256(`survey-resume:${secret}`);
}

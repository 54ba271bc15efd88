import { createHmac } from "node:crypto";

/**
 * Erased rows keep a pseudonym instead of the name and address: the same person (the same
 * address) always gets the same one, so duplicates stay recognisable in the figures, and the
 * keyed hash cannot be reversed by hashing guessed addresses without the installation's secret.
 */
function keyedHash(secret: string, value: string): string {
  return createHmac("sha256", secret).update(`privacy:${value}`).digest("hex");
}

/** `#a1b2c3`, the reference printed in the log of requests and in place of a name. */
export function subjectRef(secret: string, subjectKey: string): string {
  return `#${keyedHash(secret, subjectKey.trim().toLowerCase()).slice(0, 6)}`;
}

/** What an erased row shows where the name was. Stored data, so always the same (Japanese) text. */
export function erasedName(ref: string): string {
  return `削除済み (${ref})`;
}

/** A non-deliverable address (RFC 6761 `.invalid`), one per original address. */
export function erasedEmail(secret: string, email: string): string {
  return `erased-${keyedHash(secret, email.trim().toLowerCase()).slice(0, 12)}@invalid`;
}

export function isErasedEmail(email: string): boolean {
  return /^erased-[0-9a-f]{12}@invalid$/.test(email);
}

/** The hash a self-service request is stored and rate limited by (never the address itself). */
export function emailHash(secret: string, email: string): string {
  return keyedHash(secret, `email:${email.trim().toLowerCase()}`);
}

import { createHmac } from "node:crypto";
import { pooledRandomBytes } from "../../db/ids.ts";
import { sha256 } from "../shared/crypto.ts";

/**
 * A registrant's own link (ticket page, cancel) carries a token derived from the server secret
 * and the registration id, so later mails (promotion, reminder) can repeat the link while the
 * database keeps only its hash.
 */
export function registrationToken(secret: string, registrationId: string): string {
  return createHmac("sha256", secret).update(`registration:${registrationId}`).digest("base64url");
}

export function registrationTokenHash(token: string): string {
  return sha256(token);
}

export function ticketUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/events/ticket/${token}`;
}

export function eventUrl(baseUrl: string, eventId: string): string {
  return `${baseUrl}/events/${eventId}`;
}

const TICKET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** What the ticket QR carries: 12 characters, easy to read out and type at the door. */
export function newTicketCode(): string {
  const bytes = pooledRandomBytes(12);
  let code = "";
  for (const b of bytes) code += TICKET_ALPHABET[b % 32];
  return code;
}

export function registrationPageUrl(baseUrl: string, eventId: string): string {
  return `${baseUrl}/events/${eventId}/register`;
}

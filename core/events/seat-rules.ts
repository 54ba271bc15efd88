/**
 * The seed's seat rules, each list defined once: who may take a seat type, and the roles an
 * attendee can have besides a general participant (the seed's venue 15 counts speakers, officers,
 * press and staff; the report says so).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../shared/errors.ts";

/**
 * - `everyone`: whoever the event admits (its audience);
 * - `members`: community members only (core/community/membership.ts);
 * - `members-and-guests`: members, and guests the secretariat invited by name (their personal link).
 */
export const seatEligibilities = ["everyone", "members", "members-and-guests"] as const;
export type SeatEligibility = (typeof seatEligibilities)[number];

/** 講師, 役員, 報道, スタッフ, 来賓. A registration without a role is a general participant. */
export const attendeeRoles = ["speaker", "officer", "press", "staff", "guest"] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];

export function isAttendeeRole(value: string | null): value is AttendeeRole {
  return (attendeeRoles as readonly string[]).includes(value ?? "");
}

/** Who asks for a seat, as far as eligibility is concerned. */
export interface Claimant {
  communityMember: boolean;
  /** The guest invitation their link proved, for this event and this address; null without one. */
  guest: { attendeeRole: string } | null;
}

/** Refuses a seat type the claimant may not take, naming the field and the rule. */
export function checkSeatEligibility(eligibility: string, claimant: Claimant): void {
  if (eligibility === "everyone") return;
  if (claimant.communityMember) return;
  if (eligibility === "members-and-guests" && claimant.guest) return;
  throw new AppError("seat-type-not-eligible", {
    fields: [
      {
        field: "seatType",
        code: eligibility === "members" ? "events-seat-members-only" : "events-seat-members-and-guests",
      },
    ],
  });
}

/**
 * A guest's personal link carries a token derived from the server secret, the event and the
 * guest's address: it proves the invitation without a table lookup by token, and a link for one
 * address never admits another.
 */
export function guestToken(secret: string, eventId: string, email: string): string {
  return createHmac("sha256", secret).update(`event-guest:${eventId}:${email.toLowerCase()}`).digest("base64url");
}

export function guestTokenMatches(secret: string, eventId: string, email: string, token: string): boolean {
  const expected = Buffer.from(guestToken(secret, eventId, email));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function guestRegistrationUrl(baseUrl: string, eventId: string, token: string): string {
  return `${baseUrl}/events/${eventId}/register?guest=${encodeURIComponent(token)}`;
}

/**
 * What a registration is made of: the input people and API clients send, what the allocation
 * receives once it is checked, and the receipt each caller gets back. Apart from the use case
 * (register-attendee.ts), so the deps (the SeatAllocator contract) and the allocation thread
 * can name these types without importing the use case.
 */
import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { sectors } from "../community/codes.ts";
import { emailAddress } from "../shared/validation.ts";

export const registrationInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: emailAddress(),
  seatType: z.string().trim().min(1, "field.choice"),
  organisation: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
  organisationId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null),
  sector: z.enum(sectors).optional(),
  answers: z.record(z.string(), z.string().trim().max(4000)).default({}),
  /** The language the registrant uses; every mail about the registration is in it. */
  locale: z.enum(["ja", "en"]).optional(),
  /** Pages send the consent box; API clients that omit it vouch for it themselves. */
  consent: z.boolean().optional(),
  /** A guest's personal invitation (the `guest` of their link): admits them to guest seat types. */
  guestToken: z.string().trim().max(200).optional(),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export interface RegistrationReceipt {
  id: string;
  status: "confirmed" | "waitlisted";
  seatType: string;
  waitlistPosition?: number;
  /** The registrant's own link token (ticket page, cancel). */
  token: string;
}

type RegistrationData = z.output<typeof registrationInputSchema>;

/** One registration as the allocation receives it: already validated. */
export interface AllocationRequest {
  actor: Actor;
  data: RegistrationData;
}

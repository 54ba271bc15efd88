import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
import type { Outcome } from "../shared/group-commit.ts";
import { senderAddress } from "../mail/sender-address.ts";
import type { AllocationRequest, RegistrationReceipt } from "./registration-input.ts";

/**
 * Decides a batch of registrations for one event: `allocateRegistrations`, run wherever the caller
 * chose (the server runs it on its allocation thread).
 */
export type SeatAllocator = (eventId: string, requests: AllocationRequest[]) => Promise<Outcome<RegistrationReceipt>[]>;

/** What the seminar use cases need; passed in so tests run them against a real database. */
export interface EventsDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Links in mails and QR codes point here. */
  baseUrl: string;
  /** The server secret: registrants' links are derived from it. */
  secret: string;
  /** The sender address, written as the ORGANIZER of calendar files (none: no ORGANIZER). */
  calendarOrganiserEmail?: string | null;
  /** Wakes the outbox worker after a transaction queued mail. */
  onMailQueued?: () => void;
  /** Where registrations are decided; without it, in this process. */
  allocateSeats?: SeatAllocator;
  /** Limits what mails an address given by anyone (registrations); without it, nothing is limited. */
  limitRate?: RateLimiter;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function eventsDepsFrom(services: {
  database: { db: Kysely<DB> };
  clock: Clock;
  env: { baseUrl: string; secret: string; mailFrom?: string };
  wakeOutbox?: () => void;
  allocateSeats?: SeatAllocator;
  limitRate?: RateLimiter;
}): EventsDeps {
  return {
    db: services.database.db,
    clock: services.clock,
    baseUrl: services.env.baseUrl,
    secret: services.env.secret,
    onMailQueued: services.wakeOutbox,
    allocateSeats: services.allocateSeats,
    limitRate: services.limitRate,
    calendarOrganiserEmail: services.env.mailFrom ? senderAddress(services.env.mailFrom) : null,
  };
}

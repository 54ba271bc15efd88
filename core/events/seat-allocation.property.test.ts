/**
 * Random sequences of registrations, cancellations and capacity changes, run against the real
 * use cases and a ten-line model of the rules. After every step the database must agree with the
 * model: nobody over capacity except those confirmed before a cut, the waitlist in arrival order,
 * nobody lost or duplicated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { isAppError } from "../shared/errors.ts";
import { cancelRegistration } from "./cancel-registration.ts";
import { changeSeatCapacity } from "./change-seat-capacity.ts";
import { registerAttendee } from "./register-attendee.ts";
import { createSeminar, secretariat, venueAndOnline } from "../../tests/fixtures/events.ts";

type Op =
  | { kind: "register"; person: number; seat: "venue" | "online" }
  | { kind: "cancel"; person: number }
  | { kind: "capacity"; seat: "venue" | "online"; capacity: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("register" as const),
      person: fc.nat(14),
      seat: fc.constantFrom("venue" as const, "online" as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("cancel" as const), person: fc.nat(14) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("capacity" as const),
      seat: fc.constantFrom("venue" as const, "online" as const),
      capacity: fc.nat(5),
    }),
  },
);

interface ModelSeat {
  capacity: number;
  waitlist: boolean;
  confirmed: number[];
  waiting: number[];
}

function fill(seat: ModelSeat) {
  while (seat.confirmed.length < seat.capacity && seat.waiting.length) seat.confirmed.push(seat.waiting.shift()!);
}

describe.each(testDatabases)("seat allocation properties on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("agrees with the model after every step", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const { deps, event } = await createSeminar(t.db, { seatTypes: venueAndOnline(2, 3, { online: false }) });
        const model: Record<string, ModelSeat> = {
          venue: { capacity: 2, waitlist: true, confirmed: [], waiting: [] },
          online: { capacity: 3, waitlist: false, confirmed: [], waiting: [] },
        };
        const live = new Map<number, { id: string; token: string; seat: string }>();
        for (const step of ops) {
          if (step.kind === "register") {
            const seat = model[step.seat]!;
            const expected = live.has(step.person)
              ? "duplicate"
              : seat.confirmed.length < seat.capacity && seat.waiting.length === 0
                ? "confirmed"
                : seat.waitlist
                  ? "waitlisted"
                  : "full";
            try {
              const receipt = await registerAttendee(deps, anonymous, event.id, {
                name: `p${step.person}`,
                email: `p${step.person}@${event.id}.example.jp`,
                seatType: step.seat,
              });
              expect(receipt.status).toBe(expected);
              live.set(step.person, { id: receipt.id, token: receipt.token, seat: step.seat });
              (expected === "confirmed" ? seat.confirmed : seat.waiting).push(step.person);
            } catch (error) {
              if (!isAppError(error)) throw error;
              expect(error.code).toBe(expected === "duplicate" ? "already-registered" : "seat-type-full");
              expect(expected === "duplicate" || expected === "full").toBe(true);
            }
          } else if (step.kind === "cancel") {
            const entry = live.get(step.person);
            if (!entry) continue;
            await cancelRegistration(deps, anonymous, entry.id, entry.token);
            live.delete(step.person);
            const seat = model[entry.seat]!;
            const wasConfirmed = seat.confirmed.includes(step.person);
            seat.confirmed = seat.confirmed.filter((p) => p !== step.person);
            seat.waiting = seat.waiting.filter((p) => p !== step.person);
            if (wasConfirmed) fill(seat);
          } else {
            await changeSeatCapacity(deps, secretariat, event.id, step.seat, { capacity: step.capacity });
            model[step.seat]!.capacity = step.capacity;
            fill(model[step.seat]!);
          }
          // Compare the whole state with the model.
          const rows = await t.db
            .selectFrom("registrations")
            .select(["name", "seat_type_key", "status", "arrival_sequence"])
            .where("event_id", "=", event.id)
            .where("status", "<>", "cancelled")
            .orderBy("arrival_sequence")
            .execute();
          for (const [key, seat] of Object.entries(model)) {
            const confirmed = rows
              .filter((r) => r.seat_type_key === key && r.status === "confirmed")
              .map((r) => r.name)
              .sort();
            const waiting = rows.filter((r) => r.seat_type_key === key && r.status === "waitlisted").map((r) => r.name);
            expect(confirmed).toEqual(seat.confirmed.map((p) => `p${p}`).sort());
            expect(waiting).toEqual(seat.waiting.map((p) => `p${p}`));
          }
          expect(rows).toHaveLength(live.size);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("decides a burst of simultaneous registrations exactly as if they had come one by one", async () => {
    const attempt = fc.record({ person: fc.nat(20), seat: fc.constantFrom("venue", "online", "balcony") });
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 60 }), async (attempts) => {
        const { deps, event } = await createSeminar(t.db, { seatTypes: venueAndOnline(3, 4, { online: false }) });
        // All submitted before any is answered: the group commit batches them.
        const settled = await Promise.allSettled(
          attempts.map((a) =>
            registerAttendee(deps, anonymous, event.id, {
              name: `p${a.person}`,
              email: `p${a.person}@${event.id}.example.jp`,
              seatType: a.seat,
            }),
          ),
        );

        const model: Record<string, ModelSeat> = {
          venue: { capacity: 3, waitlist: true, confirmed: [], waiting: [] },
          online: { capacity: 4, waitlist: false, confirmed: [], waiting: [] },
        };
        const registered = new Set<number>();
        const acceptedInOrder: string[] = [];
        attempts.forEach((a, i) => {
          const outcome = settled[i]!;
          const seat = model[a.seat];
          const reason =
            outcome.status === "rejected" && isAppError(outcome.reason) ? outcome.reason.fields[0]?.code : undefined;
          if (!seat) return expect(reason).toBe("choice");
          if (registered.has(a.person)) return expect(reason).toBe("events-already-registered");
          const place =
            seat.confirmed.length < seat.capacity && seat.waiting.length === 0
              ? "confirmed"
              : seat.waitlist
                ? "waitlisted"
                : "full";
          if (place === "full") return expect(reason).toBe("events-seat-type-full");
          expect(outcome.status).toBe("fulfilled");
          const receipt = (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof registerAttendee>>>).value;
          (place === "confirmed" ? seat.confirmed : seat.waiting).push(a.person);
          expect(receipt.status).toBe(place);
          expect(receipt.waitlistPosition).toBe(place === "waitlisted" ? seat.waiting.length : undefined);
          registered.add(a.person);
          acceptedInOrder.push(`p${a.person}`);
        });
        const rows = await t.db
          .selectFrom("registrations")
          .select(["name", "arrival_sequence"])
          .where("event_id", "=", event.id)
          .orderBy("arrival_sequence")
          .execute();
        expect(rows.map((r) => r.name)).toEqual(acceptedInOrder);
        expect(rows.map((r) => Number(r.arrival_sequence))).toEqual(acceptedInOrder.map((_, i) => i + 1));
        const mails = await t.db
          .selectFrom("outbox_messages")
          .select("to_address")
          .where("to_address", "like", `%@${event.id}.example.jp`)
          .execute();
        expect(mails).toHaveLength(acceptedInOrder.length);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

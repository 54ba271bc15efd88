import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { anonymous } from "../core/accounts/actor.ts";
import { cancelRegistration } from "../core/events/cancel-registration.ts";
import { createEvent } from "../core/events/create-event.ts";
import type { EventsDeps } from "../core/events/deps.ts";
import { registerAttendee } from "../core/events/register-attendee.ts";
import { secretariat, seminarInput, testDeps } from "../tests/fixtures/events.ts";
import { firstCommunity, scopeDatabase } from "../db/communities.ts";
import { createDb, migrateToLatest, type Database } from "../db/create-db.ts";
import { createPostgresDatabase, testDatabases } from "../tests/support/databases.ts";
import { type AllocationThread, startAllocationThread } from "./allocation-thread.ts";

// The thread opens the database itself, so these tests use a SQLite file (not :memory:) or a
// PostgreSQL database of their own. Events open for registration now (the thread's clock is the
// system clock) and start in 2099.
describe.each(testDatabases)("the allocation thread on %s", (kind) => {
  let database: Database;
  let communityId: string;
  let thread: AllocationThread;
  let cleanup: () => Promise<void>;
  const onMailQueued = vi.fn();
  let deps: EventsDeps;
  let config: { databaseUrl: string | undefined; sqliteFile: string };

  beforeAll(async () => {
    if (kind === "sqlite") {
      const dir = mkdtempSync(path.join(tmpdir(), "chiiki-thread-"));
      config = { databaseUrl: undefined, sqliteFile: path.join(dir, "chiiki.sqlite") };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const created = await createPostgresDatabase("chiiki_thread");
      config = { databaseUrl: created.url, sqliteFile: "" };
      cleanup = created.drop;
    }
    const opened = createDb({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    await migrateToLatest(opened.root);
    communityId = (await firstCommunity(opened.root)).id;
    database = scopeDatabase(opened, communityId);
    const base = testDeps(database.db);
    thread = startAllocationThread(
      { ...config, secret: base.secret },
      {
        onMailQueued,
        onError: (error) => {
          throw error;
        },
      },
    );
    deps = {
      ...base,
      allocateSeats: thread.allocatorFor(communityId, { baseUrl: base.baseUrl, calendarOrganiserEmail: null }),
    };
  });
  afterAll(async () => {
    await thread.stop();
    await database.destroy();
    await cleanup();
  });

  const newSeminar = () =>
    createEvent(
      deps,
      secretariat,
      seminarInput({ startsAt: "2099-01-27T15:00:00+09:00", endsAt: "2099-01-27T17:00:00+09:00", sessions: [] }),
    );
  const person = (eventId: string, n: number) => ({
    name: `参加者${n}`,
    email: `p${n}@${eventId.toLowerCase()}.example.jp`,
    seatType: n % 2 ? "online" : "venue",
  });

  it("decides a flood exactly: 30 + 50 seats confirmed, the rest waitlisted in arrival order, a mail each", async () => {
    const event = await newSeminar();
    onMailQueued.mockClear();
    const receipts = await Promise.all(
      Array.from({ length: 150 }, (_, n) => registerAttendee(deps, anonymous, event.id, person(event.id, n))),
    );
    expect(
      receipts
        .filter((r) => r.status === "confirmed")
        .map((r) => r.seatType)
        .sort(),
    ).toEqual([...Array(50).fill("online"), ...Array(30).fill("venue")]);
    // Each seat type's waitlist is numbered 1, 2, 3… in the order the registrations arrived.
    for (const seatType of ["venue", "online"]) {
      const positions = receipts
        .filter((r) => r.seatType === seatType && r.status === "waitlisted")
        .map((r) => r.waitlistPosition);
      expect(positions).toEqual(positions.map((_, i) => i + 1));
    }
    const mails = await database.db
      .selectFrom("outbox_messages")
      .select("to_address")
      .where("to_address", "like", `%@${event.id.toLowerCase()}.example.jp`)
      .execute();
    expect(mails).toHaveLength(150);
    expect(onMailQueued).toHaveBeenCalled();
  });

  it("brings a refusal back with its code and fields: the same e-mail twice is a conflict", async () => {
    const event = await newSeminar();
    await registerAttendee(deps, anonymous, event.id, person(event.id, 1));
    await expect(registerAttendee(deps, anonymous, event.id, person(event.id, 1))).rejects.toMatchObject({
      name: "AppError",
      code: "already-registered",
      fields: [{ field: "email", code: "events-already-registered" }],
    });
    await expect(registerAttendee(deps, anonymous, "no-such-event", person(event.id, 2))).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("shares the database with the main connection: cancellations there while the thread registers stay exact", async () => {
    const event = await newSeminar();
    const first = await Promise.all(
      Array.from({ length: 100 }, (_, n) => registerAttendee(deps, anonymous, event.id, person(event.id, n))),
    );
    const confirmedVenue = first.filter((r) => r.status === "confirmed" && r.seatType === "venue");
    // Ten cancellations (each promotes the first waiting) race sixty more registrations.
    await Promise.all([
      ...confirmedVenue
        .slice(0, 10)
        .map((r) => cancelRegistration({ ...deps, clock: { now: () => new Date() } }, secretariat, r.id)),
      ...Array.from({ length: 60 }, (_, n) => registerAttendee(deps, anonymous, event.id, person(event.id, 100 + n))),
    ]);
    const counts = await database.db
      .selectFrom("registrations")
      .select(["seat_type_key", "status"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("event_id", "=", event.id)
      .groupBy(["seat_type_key", "status"])
      .execute();
    const count = (seat: string, status: string) =>
      Number(counts.find((c) => c.seat_type_key === seat && c.status === status)?.n ?? 0);
    expect([count("venue", "confirmed"), count("online", "confirmed"), count("venue", "cancelled")]).toEqual([
      30, 50, 10,
    ]);
    expect(count("venue", "waitlisted") + count("online", "waitlisted")).toBe(160 - 80 - 10);
  });

  it("finishes the batches already sent before it stops, and refuses new ones after", async () => {
    const event = await newSeminar();
    const own = startAllocationThread(
      { ...config, secret: deps.secret },
      { onMailQueued: () => {}, onError: () => {} },
    );
    const requests = [1, 2, 3].map((n) => ({
      actor: anonymous,
      data: { ...person(event.id, n), organisation: null, organisationId: null, answers: {} },
    }));
    const decided = own.allocatorFor(communityId, { baseUrl: deps.baseUrl, calendarOrganiserEmail: null })(
      event.id,
      requests,
    );
    await own.stop();
    expect((await decided).map((o) => ("value" in o ? o.value.status : o.error))).toEqual([
      "confirmed",
      "confirmed",
      "confirmed",
    ]);
    await expect(
      own.allocatorFor(communityId, { baseUrl: deps.baseUrl, calendarOrganiserEmail: null })(event.id, requests),
    ).rejects.toThrow(/not running/);
  });
});

describe("an allocation thread that cannot open its database", () => {
  it("fails registrations at once instead of leaving them waiting, and reports why", async () => {
    const errors: unknown[] = [];
    // Its folder is a file: the thread's createDb throws at once.
    const notAFolder = path.join(mkdtempSync(path.join(tmpdir(), "chiiki-thread-")), "file");
    writeFileSync(notAFolder, "");
    const broken = startAllocationThread(
      {
        databaseUrl: undefined,
        sqliteFile: path.join(notAFolder, "chiiki.sqlite"),
        secret: "test-secret-test-secret-test-secret-0123",
      },
      { onMailQueued: () => {}, onError: (error) => errors.push(error) },
    );
    await expect(
      broken.allocatorFor("any", { baseUrl: "https://chiiki.example", calendarOrganiserEmail: null })("any-event", []),
    ).rejects.toThrow(/allocation thread/);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    await broken.stop();
  });
});

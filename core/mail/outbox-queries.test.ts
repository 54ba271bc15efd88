import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { type Actor, anonymous } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { getOutboxMessage } from "./get-outbox-message.ts";
import { listOutboxMessages } from "./list-outbox-messages.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";

const secretariat = secretariatActor({ userId: "u1", email: "s@example.jp" });
const withoutSecondFactor: Actor = { ...secretariat, twoFactorEnabled: false };
const member = memberActor("org-1", { userId: "u2", email: "m@example.jp", name: "会員" });

describe.each(testDatabases)("outbox queries on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-01-27T00:00:00.000Z");
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const queued = await enqueueMail(t.db, clock, {
        to: `p${i}@example.jp`,
        subject: `件名 ${i}`,
        text: `本文 ${i} https://chiiki.example/x/${i}`,
        headers: { "X-Test": String(i) },
      });
      ids.push(queued!.id);
      clock.advance(60_000);
    }
    await t.db
      .updateTable("outbox_messages")
      .set({ status: "failed", attempts: 8, last_error: "550 no such user" })
      .where("id", "=", ids[1]!)
      .execute();
  });

  it("lists messages newest first, filters by status and pages", async () => {
    const all = await listOutboxMessages(t.db, secretariat, {});
    expect(all.total).toBe(5);
    expect(all.items.map((m) => m.to)).toEqual([
      "p4@example.jp",
      "p3@example.jp",
      "p2@example.jp",
      "p1@example.jp",
      "p0@example.jp",
    ]);

    const page = await listOutboxMessages(t.db, secretariat, { limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((m) => m.to)).toEqual(["p2@example.jp", "p1@example.jp"]);

    const failed = await listOutboxMessages(t.db, secretariat, { status: "failed" });
    expect(failed).toEqual({
      total: 1,
      items: [expect.objectContaining({ id: ids[1], status: "failed", attempts: 8, lastError: "550 no such user" })],
    });
  });

  it("rejects an unknown status filter as a field error", async () => {
    await expect(listOutboxMessages(t.db, secretariat, { status: "lost" as never })).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "status", code: "choice" }],
    });
  });

  it("shows one message with its body and headers", async () => {
    const message = await getOutboxMessage(t.db, secretariat, ids[3]!);
    expect(message).toMatchObject({
      to: "p3@example.jp",
      subject: "件名 3",
      textBody: "本文 3 https://chiiki.example/x/3",
      headers: { "X-Test": "3" },
      status: "pending",
      attempts: 0,
    });
    expect(message.messageId).toContain(ids[3]);
    await expect(getOutboxMessage(t.db, secretariat, "no-such-id")).rejects.toMatchObject({ code: "not-found" });
  });

  it("is the secretariat's alone, and only with its second factor", async () => {
    await expect(listOutboxMessages(t.db, anonymous, {})).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listOutboxMessages(t.db, member, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(listOutboxMessages(t.db, withoutSecondFactor, {})).rejects.toMatchObject({
      code: "two-factor-required",
    });
    await expect(getOutboxMessage(t.db, member, ids[0]!)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getOutboxMessage(t.db, anonymous, ids[0]!)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

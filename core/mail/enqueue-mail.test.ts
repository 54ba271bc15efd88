import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { enqueueMail, enqueueMails } from "./enqueue-mail.ts";

describe.each(testDatabases)("enqueueMails on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-10T03:00:00.000Z");

  it("queues over a thousand messages in multi-row INSERTs, skipping keys already queued", async () => {
    await enqueueMail(t.db, clock, {
      to: "m7@example.jp",
      subject: "先に送信待ち",
      text: "x",
      dedupeKey: "mailing:m1:m7@example.jp",
    });
    const mails = Array.from({ length: 1201 }, (_, i) => ({
      to: `m${i}@example.jp`,
      subject: `ご案内 ${i}`,
      text: `本文 ${i}`,
      kind: "announcement" as const,
      headers: { "List-Unsubscribe": `<https://chiiki.example/u/${i}>` },
      dedupeKey: `mailing:m1:m${i}@example.jp`,
    }));

    const inserted = await t.db.transaction().execute((trx) => enqueueMails(trx, clock, mails, "chiiki.example.jp"));

    expect(inserted).toBe(1200);
    const rows = await t.db.selectFrom("outbox_messages").selectAll().execute();
    expect(rows).toHaveLength(1201);
    expect(rows.find((r) => r.to_address === "m7@example.jp")!.subject).toBe("先に送信待ち");
    const m1200 = rows.find((r) => r.to_address === "m1200@example.jp")!;
    expect(m1200).toMatchObject({
      kind: "announcement",
      subject: "ご案内 1200",
      text_body: "本文 1200",
      status: "pending",
      attempts: 0,
      next_attempt_at: "2021-02-10T03:00:00.000Z",
      attachments_json: null,
    });
    expect(JSON.parse(m1200.headers_json)).toEqual({ "List-Unsubscribe": "<https://chiiki.example/u/1200>" });
    expect(m1200.message_id).toBe(`<${m1200.id}@chiiki.example.jp>`);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(1201);
  });
});

import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { deliverDueMail } from "./deliver-due-mail.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { createFileTransport } from "./transports.ts";

describe.each(testDatabases)("mail attachments on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("keeps attachments through the outbox into the sent message; mail without them is unchanged", async () => {
    const clock = fixedClock("2021-01-20T00:00:00.000Z");
    const dir = mkdtempSync(path.join(tmpdir(), "chiiki-mail-"));
    await enqueueMail(t.db, clock, {
      to: "a@example.jp",
      subject: "添付あり",
      text: "本文",
      attachments: [
        {
          filename: "event.ics",
          contentType: "text/calendar; charset=utf-8",
          content: "BEGIN:VCALENDAR\r\nSUMMARY:セミナー\r\nEND:VCALENDAR\r\n",
        },
      ],
    });
    await enqueueMail(t.db, clock, { to: "b@example.jp", subject: "添付なし", text: "本文" });
    const rows = await t.db
      .selectFrom("outbox_messages")
      .select(["to_address", "attachments_json"])
      .orderBy("to_address")
      .execute();
    expect(rows.map((r) => r.attachments_json === null)).toEqual([false, true]);
    const outcome = await deliverDueMail({
      db: t.db,
      clock,
      transport: createFileTransport(dir),
      from: "Chiiki <no-reply@example.jp>",
      workerId: "test",
    });
    expect(outcome.sent).toBe(2);
    const files = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), "utf8"));
    const withFile = files.find((f) => f.includes("event.ics"))!;
    expect(withFile).toContain("Content-Type: text/calendar");
    expect(files.filter((f) => f.includes("Content-Disposition: attachment"))).toHaveLength(1);
  });
});

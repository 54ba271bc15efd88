import { beforeEach, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { computeEventFigures } from "../events/compute-event-figures.ts";
import { fixedClock } from "../shared/clock.ts";
import { applyRetention } from "./apply-retention.ts";
import { confirmErasureLink } from "./confirm-erasure-link.ts";
import type { PrivacyDeps } from "./deps.ts";
import { openErasureLink } from "./open-erasure-link.ts";
import { seedPrivacyWorld, YAMADA } from "../../tests/fixtures/privacy-world.ts";
import { requestErasureLink } from "./request-erasure-link.ts";
import { getRetentionSettings, retentionDefaults, updateRetentionSettings } from "./retention-settings.ts";
import { grant, secretariatActor } from "../../tests/fixtures/actors.ts";

const secretariat = secretariatActor({ userId: "u-office" });
const member = { ...secretariat, grants: [grant("member", "o1")] };

describe.each(testDatabases)("self-service erasure and retention on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-03-24T01:00:00.000Z");
  beforeEach(() => clock.set("2021-03-24T01:00:00.000Z"));
  const deps = (): PrivacyDeps => ({
    db: t.db,
    clock,
    baseUrl: "http://chiiki.test",
    secret: "test-secret-for-privacy-0123456789",
  });
  const mailsTo = (email: string) =>
    t.db.selectFrom("outbox_messages").selectAll().where("to_address", "=", email).orderBy("created_at").execute();
  const tokenIn = (text: string) => /\/privacy\/erase\/(\S+)/.exec(text)?.[1];
  const mentioning = async (needle: string) => {
    const tables = [
      "registrations",
      "outbox_messages",
      "privacy_requests",
      "audit_events",
      "rate_limits",
      "survey_invitations",
      "mailing_recipients",
    ] as const;
    const found: string[] = [];
    for (const table of tables)
      if (JSON.stringify(await t.db.selectFrom(table).selectAll().execute()).includes(needle)) found.push(table);
    return found;
  };

  it("mails a one-use, expiring link to a known registrant, the same answer to anyone, and erases through it", async () => {
    const w = await seedPrivacyWorld(t.db, t.dialect, secretariat);
    const figures = async () => ({
      ...(await computeEventFigures(t.db, clock, secretariat, w.eventId, "ja")),
      chartSvg: undefined,
    });
    const before = await figures();

    // Unknown address, an account's address, a registrant's address: each call answers the same (nothing).
    await expect(requestErasureLink(deps(), { email: "nobody@example.jp" }, "ja")).resolves.toBeUndefined();
    await expect(requestErasureLink(deps(), { email: YAMADA.email }, "ja")).resolves.toBeUndefined();
    await expect(requestErasureLink(deps(), { email: "Ｐ5@example.jp" }, "ja")).resolves.toBeUndefined();
    expect(await mailsTo("nobody@example.jp")).toEqual([]);
    const accountMail = (await mailsTo(YAMADA.email)).at(-1)!;
    expect(accountMail.subject).toBe("個人情報の削除のお申し込みについて");
    expect(tokenIn(accountMail.text_body)).toBeUndefined();
    const [linkMail] = await mailsTo("p5@example.jp");
    const token = tokenIn(linkMail!.text_body)!;
    expect(token).toBeTruthy();
    await expect(requestErasureLink(deps(), { email: "not an address" }, "ja")).rejects.toMatchObject({
      code: "validation-failed",
    });

    // Rate limited per address (three an hour).
    await requestErasureLink(deps(), { email: "p5@example.jp" }, "ja");
    await requestErasureLink(deps(), { email: "p5@example.jp" }, "ja");
    await expect(requestErasureLink(deps(), { email: "p5@example.jp" }, "ja")).rejects.toMatchObject({
      code: "rate-limited",
    });

    const summary = await openErasureLink(deps(), token);
    expect(summary).toMatchObject({
      email: "p5@example.jp",
      names: ["参加者5"],
      registrations: [{ event: "地域情報セキュリティセミナー", status: "confirmed" }],
    });
    await expect(openErasureLink(deps(), `${token}x`)).rejects.toMatchObject({ code: "privacy-link-invalid" });

    const result = await confirmErasureLink(deps(), token);
    expect(result.counts).toMatchObject({ registrations: 1, people: 0 });
    await expect(confirmErasureLink(deps(), token)).rejects.toMatchObject({ code: "privacy-link-invalid" });
    await expect(openErasureLink(deps(), token)).rejects.toMatchObject({ code: "privacy-link-invalid" });
    expect(await mentioning("p5@example.jp")).toEqual([]);
    expect(await mentioning('"参加者5"')).toEqual([]);
    expect(await figures()).toEqual(before);

    // A link unused for a day expires.
    clock.advance(2 * 60 * 60_000);
    await requestErasureLink(deps(), { email: "p6@example.jp" }, "ja");
    const expired = tokenIn((await mailsTo("p6@example.jp"))[0]!.text_body)!;
    clock.advance(25 * 60 * 60_000);
    await expect(openErasureLink(deps(), expired)).rejects.toMatchObject({ code: "privacy-link-invalid" });
  });

  it("applies retention once per interval across processes, keeping the figures", async () => {
    const { eventId } = await seedPrivacyWorld(t.db, t.dialect, secretariat);
    const figures = async () => ({
      ...(await computeEventFigures(t.db, clock, secretariat, eventId, "ja")),
      chartSvg: undefined,
    });
    const before = await figures();
    expect(await getRetentionSettings(t.db)).toEqual(retentionDefaults);
    await expect(
      updateRetentionSettings(deps(), member, { registrationYears: 5, downloadYears: 3, outboxDays: 90 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateRetentionSettings(deps(), secretariat, { registrationYears: 0, downloadYears: 3, outboxDays: 90 }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await updateRetentionSettings(deps(), secretariat, { registrationYears: "4", downloadYears: 3, outboxDays: 30 });
    expect(await getRetentionSettings(t.db)).toEqual({ registrationYears: 4, downloadYears: 3, outboxDays: 30 });

    clock.set("2024-06-01T00:00:00.000Z");
    const first = await applyRetention(deps());
    expect(first).toMatchObject({ ran: true, registrations: 0, downloads: 1 });
    expect(first.mails).toBeGreaterThan(0);
    expect(
      await t.db
        .selectFrom("outbox_messages")
        .select("id")
        .where("text_body", "!=", "")
        .where("status", "=", "sent")
        .execute(),
    ).toEqual([]);

    // Two processes in the same hour: one runs, the other finds the claim taken.
    clock.set("2025-02-01T00:00:00.000Z");
    const runs = await Promise.all([applyRetention(deps()), applyRetention(deps())]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.find((r) => r.ran)!.registrations).toBe(70);
    expect(
      await t.db.selectFrom("registrations").select("id").where("email", "not like", "erased-%").execute(),
    ).toEqual([]);
    expect(await figures()).toEqual(before);
    expect((await applyRetention(deps())).ran).toBe(false);
    clock.advance(61 * 60_000);
    expect(await applyRetention(deps())).toMatchObject({ ran: true, registrations: 0, downloads: 0, mails: 0 });
  });
});

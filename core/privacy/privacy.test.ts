import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeTables } from "../../db/describe-tables.ts";
import { authBool, authDate } from "../../db/dialect.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { exportRegistry } from "../community/export-registry.ts";
import { computeEventFigures } from "../events/compute-event-figures.ts";
import { exportRegistrantsCsv } from "../events/export-registrants.ts";
import { resolveAudience } from "../mailings/resolve-audience.ts";
import { assembleAnnualReport } from "../reports/assemble-annual-report.ts";
import { fixedClock } from "../shared/clock.ts";
import { computeResults } from "../surveys/compute-results.ts";
import type { PrivacyDeps } from "./deps.ts";
import { erasePerson } from "./erase-person.ts";
import { exportPerson } from "./export-person.ts";
import { exportPersonPdf } from "./export-person-pdf.ts";
import { listPrivacyRequests } from "./list-privacy-requests.ts";
import { seedPrivacyWorld, YAMADA } from "../../tests/fixtures/privacy-world.ts";
import { noStorage } from "../../tests/support/storage.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";

const secretariat = secretariatActor({ userId: "u-office" });
const member = memberActor("o1", { userId: "u-member", email: "member@example.jp", name: "会員" });

/** The tables (of all of them) whose rows mention `needle`: where the erased person could still be. */
async function tablesMentioning(db: PrivacyDeps["db"], needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await describeTables(db)) {
    if (
      JSON.stringify(
        await db
          .selectFrom(table.name as "people")
          .selectAll()
          .execute(),
      ).includes(needle)
    )
      found.push(table.name);
  }
  return found;
}

describe.each(testDatabases)("personal data on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-03-24T01:00:00.000Z");
  const deps = (): PrivacyDeps => ({
    db: t.db,
    clock,
    baseUrl: "http://localhost",
    secret: "test-secret-for-privacy-0123456789",
  });
  const reportDeps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });
  /**
   * What the annual report, the seminar's figures and the survey's results compute, as text with
   * the person's name (before) or pseudonym (after) made the same: every number and every other
   * word must be equal.
   */
  const figures = async (w: Awaited<ReturnType<typeof seedPrivacyWorld>>, name: string) =>
    JSON.stringify(
      {
        report: await assembleAnnualReport(reportDeps(), secretariat, { fiscalYear: 2020 }),
        // The chart is drawn from bySector (compared); its SVG carries per-render ids.
        event: { ...(await computeEventFigures(t.db, clock, secretariat, w.eventId, "ja")), chartSvg: undefined },
        survey: await computeResults(reportDeps(), secretariat, w.surveyId, { locale: "ja" }),
      },
      null,
      1,
    ).replaceAll(name, "<the person>");

  it("exports everything held about a person, erases it in one go, and every figure stays the same", async () => {
    const w = await seedPrivacyWorld(t.db, t.dialect, secretariat);

    const exported = await exportPerson(deps(), secretariat, w.personId);
    expect(exported.locale).toBe("en");
    expect(exported.person[0]).toMatchObject({
      familyName: "山田",
      givenName: "太郎",
      email: YAMADA.email,
      organisation: { name: "長崎県情報産業協会" },
    });
    expect(exported.person[0]!.qualifications).toHaveLength(1);
    expect(exported.meetings).toHaveLength(1);
    expect(exported.registrations).toEqual([
      expect.objectContaining({
        event: "地域情報セキュリティセミナー",
        checkedInAt: "2021-01-27T05:40:00.000Z",
        answers: { q: "山田です" },
      }),
    ]);
    expect(exported.surveyInvitations).toEqual([expect.objectContaining({ state: "completed" })]);
    expect(exported.mailingRecipients).toHaveLength(1);
    expect(exported.mails).toEqual([expect.objectContaining({ subject: "セミナーのご案内" })]);
    expect(exported.downloads).toEqual([expect.objectContaining({ tlp: "TLP:GREEN" })]);
    expect(exported.auditEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining(["person.create", "material.download"]),
    );
    expect(exported.account).toMatchObject({
      email: YAMADA.email,
      sessions: 1,
      roles: [expect.objectContaining({ role: "member" })],
    });
    expect(JSON.stringify(exported)).not.toMatch(/session-token-yamada|inv-hash-yamada/);

    // The PDF is in the person's language (their account's: English) with the Japanese names legible.
    const pdf = await exportPersonPdf(deps(), secretariat, w.personId);
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf.bytes }).toString("utf8");
    expect(text).toContain("Disclosure of retained personal data");
    expect(text).toContain("山田 太郎");
    expect(text).toContain("地域情報セキュリティセミナー");

    const before = await figures(w, "山田 太郎");
    const registrationsBefore = await t.db
      .selectFrom("registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();

    await expect(erasePerson(deps(), member, w.personId, { confirm: exported.ref })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(erasePerson(deps(), secretariat, w.personId, { confirm: "#000000" })).rejects.toMatchObject({
      code: "validation-failed",
    });
    expect(await tablesMentioning(t.db, YAMADA.email)).toContain("registrations");

    const result = await erasePerson(deps(), secretariat, w.personId, { confirm: exported.ref });
    expect(result.counts).toMatchObject({
      people: 1,
      registrations: 1,
      surveyInvitations: 1,
      mailingRecipients: 1,
      mails: 1,
      downloads: 1,
      meetings: 1,
      account: 1,
    });

    for (const trace of [YAMADA.email, "山田", "やまだ", "095-000-0000", "012345", "session-token-yamada"]) {
      expect(await tablesMentioning(t.db, trace), trace).toEqual([]);
    }
    expect(await tablesMentioning(t.db, "佐藤")).toEqual(["people"]);
    expect(await tablesMentioning(t.db, `削除済み (${exported.ref})`)).toEqual(
      expect.arrayContaining(["registrations", "mailing_recipients", "audit_events"]),
    );
    expect(await figures(w, `削除済み (${exported.ref})`)).toEqual(before);
    expect(before).toContain("<the person>");
    expect(
      await t.db
        .selectFrom("registrations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(registrationsBefore);
    const erased = await t.db
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", w.registrationId)
      .executeTakeFirstOrThrow();
    expect(erased).toMatchObject({
      name: `削除済み (${exported.ref})`,
      person_id: null,
      checked_in_at: "2021-01-27T05:40:00.000Z",
      organisation_name: "長崎県情報産業協会",
    });
    expect(erased.email).toMatch(/^erased-[0-9a-f]{12}@invalid$/);

    // No export shows the person any more, and no mailing reaches the placeholder address.
    const registry = await exportRegistry({ db: t.db, dialect: t.dialect, clock, storage: noStorage }, secretariat, {
      kind: "people",
      format: "csv",
    });
    expect(Buffer.from(registry.bytes).toString("utf8")).not.toContain("山田");
    expect(await exportRegistrantsCsv({ db: t.db, clock }, secretariat, w.eventId, "ja")).not.toContain(YAMADA.email);
    for (const audience of [
      { kind: "all-members" as const },
      { kind: "event-registrants" as const, eventId: w.eventId },
      { kind: "survey-non-respondents" as const, surveyId: w.surveyId },
    ]) {
      expect((await resolveAudience(t.db, audience)).map((r) => r.email).filter((e) => e.endsWith("@invalid"))).toEqual(
        [],
      );
    }
    await expect(exportPerson(deps(), secretariat, w.personId)).rejects.toMatchObject({ code: "not-found" });

    const requests = await listPrivacyRequests(deps(), secretariat);
    expect(requests.map((r) => `${r.kind} ${r.subjectRef}`).sort()).toEqual([
      `erase ${exported.ref}`,
      `export ${exported.ref}`,
      `export ${exported.ref}`,
    ]);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "privacy.erase").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("山田");
  });

  it("refuses to erase the secretariat member's own account, and leaves everything as it was", async () => {
    const now = "2021-03-01T00:00:00.000Z";
    await t.db
      .insertInto("user")
      .values({
        id: "u-office",
        name: "事務局",
        email: "office@example.jp",
        emailVerified: authBool(t.dialect, true),
        image: null,
        createdAt: authDate(t.dialect, new Date(now)),
        updatedAt: authDate(t.dialect, new Date(now)),
        twoFactorEnabled: authBool(t.dialect, true),
        locale: null,
      })
      .execute();
    await t.db
      .insertInto("people")
      .values({
        id: "p-office",
        organisation_id: null,
        family_name: "事務",
        given_name: "局",
        family_reading: "",
        given_reading: "",
        department: null,
        title: null,
        email: "office@example.jp",
        phone: null,
        mail_opt_in: 0,
        user_id: null,
        notes: null,
        search_text: "",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const { ref, account } = await exportPerson(deps(), secretariat, "p-office");
    expect(account).toMatchObject({ id: "u-office" });
    await expect(erasePerson(deps(), secretariat, "p-office", { confirm: ref })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await t.db.selectFrom("people").select("id").where("id", "=", "p-office").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("user").select("id").where("id", "=", "u-office").execute()).toHaveLength(1);
  });
});

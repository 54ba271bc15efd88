/**
 * The programme office over two communities (issue 18): Nagasaki's demo year and the invented
 * neighbouring community, on both databases. Its figures are the communities' own (the annual
 * report's 15 at the venue and 55 online; Saga's seeded counts), only its staff read them, and
 * the exports say the same as the page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "../communities/create-community.ts";
import { loadDemoYear } from "../demo/load-demo-year.ts";
import { readXlsx } from "../files/xlsx.ts";
import { fixedClock, systemClock } from "../shared/clock.ts";
import type { Services } from "../../server/services.ts";
import { userActor } from "../../tests/fixtures/actors.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { addProgrammeStaff } from "./add-programme-staff.ts";
import { compareProgrammeQuestionnaires } from "./compare-programme-questionnaires.ts";
import { createProgramme } from "./create-programme.ts";
import { programmeDepsFrom } from "./deps.ts";
import { exportKpiSheet, HIDDEN_MARK } from "./export-kpi-sheet.ts";
import { exportProgrammeReport } from "./export-programme-report.ts";
import { getProgrammeKpis } from "./get-programme-kpis.ts";
import { listMyProgrammes } from "./list-my-programmes.ts";
import { listProgrammeAuditEvents } from "./list-programme-audit-events.ts";
import { loadNeighbourCommunity, NEIGHBOUR } from "./neighbour-demo.ts";

const cli = { kind: "system", name: "cli" } as const;
const officer = userActor({ userId: "programme-officer", email: "kyushu@example.jp", grants: [] });
const outsider = userActor({ userId: "someone-else", email: "other@example.jp", grants: [] });

async function demoContext(services: Services) {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    accounts: services.accounts,
    actor: cli,
    storage: services.storage,
    log: () => {},
  };
}

describe.each(testDatabases)("the programme office on %s", (kind) => {
  const nagasaki = useTestServices(kind);
  let saga: Services;

  beforeAll(async () => {
    await loadDemoYear(await demoContext(nagasaki));
    const community = await createCommunity({ root: nagasaki.database.root, clock: systemClock }, cli, {
      slug: NEIGHBOUR.slug,
      name: NEIGHBOUR.name,
      nameEn: NEIGHBOUR.nameEn,
    });
    saga = nagasaki.forCommunity(community);
    const secret = saga.accounts.auth.options.secret!;
    await loadNeighbourCommunity(await demoContext(saga), secret, saga.accounts.baseUrl);
    const deps = programmeDepsFrom(nagasaki);
    await createProgramme(deps, cli, {
      slug: "kyushu",
      name: "九州経済産業局",
      nameEn: "Kyushu Bureau of Economy, Trade and Industry",
      communities: [nagasaki.community.slug, NEIGHBOUR.slug],
    });
    const now = new Date().toISOString();
    for (const u of [officer, outsider])
      await nagasaki.database.root
        .insertInto("user")
        .values({ id: u.userId, name: u.name, email: u.email, emailVerified: 1, createdAt: now, updatedAt: now })
        .execute();
    await addProgrammeStaff(deps, cli, { programme: "kyushu", email: officer.email });
  }, 240_000);

  it("shows each community's year beside the other's, with the programme's sums", async () => {
    const { programme, table } = await getProgrammeKpis(programmeDepsFrom(nagasaki), officer, "kyushu", {
      fiscalYear: 2020,
    });
    expect(programme.communities.map((c) => c.slug)).toEqual([nagasaki.community.slug, "saga"]);
    const [n, s] = table.rows;
    // The seed's report: one seminar, 15 at the venue and 55 online; 28 answers to the survey.
    expect(n!.values).toMatchObject({ seminars: 1, attendedVenue: 15, attendedOnline: 55, respondents: 28 });
    expect(s!.values).toMatchObject({
      seminars: 1,
      registeredVenue: 34,
      registeredOnline: 50,
      attendedVenue: 29,
      attendedOnline: 44,
      members: 22,
      "members.government": 3,
      "members.academia": 2,
      respondents: 32,
      memberSmes: 16,
      securityAction: 50,
      selfCheckScored: 10,
      selfCheckAverage: 63.3,
    });
    expect(table.total.values.attended).toBe(15 + 55 + 29 + 44);
    expect(table.total.values.respondents).toBe(60);
    expect(table.total.values["members.distinct"]).toBe(table.total.values.members);
    // In English: the English names where the programme and community have them, else the Japanese.
    const english = await getProgrammeKpis(programmeDepsFrom(nagasaki), officer, "kyushu", { fiscalYear: 2020 }, "en");
    expect(english.programme.name).toBe("Kyushu Bureau of Economy, Trade and Industry");
    expect(english.table.rows.map((r) => r.communityName)).toEqual([n!.communityName, NEIGHBOUR.nameEn]);

    // The same company (its 法人番号) a member in both communities: one in the programme's distinct count.
    for (const services of [nagasaki, saga]) {
      const member = await services.database.db
        .selectFrom("organisations")
        .select("id")
        .where("membership", "=", "member")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await services.database.db
        .updateTable("organisations")
        .set({ corporate_number: "7000012050002" })
        .where("id", "=", member.id)
        .execute();
    }
    const again = (await getProgrammeKpis(programmeDepsFrom(nagasaki), officer, "kyushu", { fiscalYear: 2020 })).table;
    expect(again.rows.map((r) => r.values["members.distinct"])).toEqual(again.rows.map((r) => r.values.members));
    expect(again.total.values["members.distinct"]).toBe(again.total.values.members! - 1);
    for (const services of [nagasaki, saga])
      await services.database.db
        .updateTable("organisations")
        .set({ corporate_number: null })
        .where("corporate_number", "=", "7000012050002")
        .execute();
  });

  it("answers nobody but the programme's staff, and not even whether it exists", async () => {
    const deps = programmeDepsFrom(nagasaki);
    await expect(getProgrammeKpis(deps, outsider, "kyushu", { fiscalYear: 2020 })).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(getProgrammeKpis(deps, { kind: "anonymous" }, "kyushu", { fiscalYear: 2020 })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(getProgrammeKpis(deps, officer, "kyushu", { fiscalYear: "x" })).rejects.toMatchObject({
      code: "validation-failed",
    });
    expect(await listMyProgrammes(deps, officer)).toEqual([{ slug: "kyushu", name: "九州経済産業局", communities: 2 }]);
    expect(await listMyProgrammes(deps, outsider)).toEqual([]);
  });

  it("compares the questionnaire by community, saying who asked what", async () => {
    const { questions } = await compareProgrammeQuestionnaires(
      programmeDepsFrom(nagasaki),
      officer,
      "kyushu",
      { fiscalYear: 2020 },
      "ja",
    );
    const q7 = questions.find((q) => q.code === "q7")!;
    expect(q7.askedBy).toHaveLength(2);
    const groups = q7.byCommunity!.groups;
    expect(groups.map((g) => g.base)).toEqual([28, 32]);
    // Nagasaki's own Q7 base is 27 (questionnaire.md); the comparison counts the same.
    expect(groups[0]!.result.base).toBe(27);
  });

  it("exports the KPI sheet (a row per community and year) and the summary report", async () => {
    const deps = { ...programmeDepsFrom(nagasaki), clock: fixedClock("2021-04-30T01:00:00.000Z") };
    const sheet = await exportKpiSheet(deps, officer, "kyushu", { fromYear: 2019, toYear: 2020 }, "ja");
    const rows = await readXlsx(sheet.body, "file");
    expect(rows[0]!.slice(0, 3)).toEqual(["年度", "コミュニティ", "セミナー開催数"]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      // A community is named as its secretariat named it (the demo's 長崎地域SECURITY).
      ["2019", "長崎地域SECURITY"],
      ["2019", NEIGHBOUR.name],
      ["2019", "九州経済産業局（合計）"],
      ["2020", "長崎地域SECURITY"],
      ["2020", NEIGHBOUR.name],
      ["2020", "九州経済産業局（合計）"],
    ]);
    // FY2019 had no answers: nothing to hide there is counted from fewer than 5.
    expect(rows[1]![rows[0]!.indexOf("アンケート回答数")]).toBe("0");
    expect(rows.flat()).not.toContain(undefined);
    // Every count here is 0 or at least 5, so nothing is hidden (kpis.test.ts hides the small ones).
    expect(rows.flat()).not.toContain(HIDDEN_MARK);
    await expect(exportKpiSheet(deps, outsider, "kyushu", { fromYear: 2020 }, "ja")).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(exportKpiSheet(deps, officer, "kyushu", { fromYear: 2020, toYear: 2019 }, "ja")).rejects.toMatchObject(
      { code: "validation-failed" },
    );
    const report = await exportProgrammeReport(deps, officer, "kyushu", { fiscalYear: 2020, format: "docx" }, "ja");
    expect(report.fileName).toBe("programme-kyushu-FY2020.docx");
    expect(report.body.subarray(0, 2).toString()).toBe("PK");
    // Each file that left is in the programme's own log (the refused ones are not); both at one instant here.
    const log = await listProgrammeAuditEvents(deps, officer, "kyushu");
    expect(log.items.toSorted((x, y) => y.action.localeCompare(x.action))).toMatchObject([
      {
        action: "programme.report.export",
        actor: "利用者 <kyushu@example.jp>",
        at: "2021-04-30T01:00:00.000Z",
        detail: { fiscalYear: 2020, format: "docx", communities: [nagasaki.community.slug, NEIGHBOUR.slug] },
      },
      { action: "programme.kpi-sheet.export", detail: { fromYear: 2019, toYear: 2020 } },
    ]);
    expect(log.total).toBe(2);
    await expect(listProgrammeAuditEvents(deps, outsider, "kyushu")).rejects.toMatchObject({ code: "not-found" });
    // No community's own log holds the programme's exports.
    for (const community of [nagasaki, saga]) {
      const actions = await community.database.db.selectFrom("audit_events").select("action").execute();
      expect(actions.map((a) => a.action).filter((a) => a.startsWith("programme."))).toEqual([]);
    }
  }, 120_000);
});

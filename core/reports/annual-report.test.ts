import { execFileSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { createTranslate } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { assembleAnnualReport } from "./assemble-annual-report.ts";
import { buildReport } from "./build-report.ts";
import type { ReportsDeps } from "./deps.ts";
import { exportAnnualReport } from "./export-annual-report.ts";
import { loadReportTestYear } from "../../tests/fixtures/report-year.ts";
import {
  type AnnualReport,
  type Block,
  headingText,
  narrativeBlocks,
  walkBlocks,
  walkSections,
} from "./report-model.ts";
import { saveReportEdits } from "./save-report-edits.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { reviewSurveyText } from "../surveys/review-survey-text.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";
import { insertOrganisation } from "../../tests/fixtures/rows.ts";
import { recordSelfCheckScore } from "../community/record-self-check-score.ts";
import { selfCheckBand } from "../surveys/self-check-score.ts";

const secretariat = secretariatActor({ userId: "u-office" });
const member = memberActor("o1", { userId: "u-member", email: "member@example.jp", name: "会員" });

const headings = (report: AnnualReport) => [...walkSections(report.sections)].map(headingText);
const allText = (report: AnnualReport) => [...walkBlocks(report.sections)].map(({ block }) => textOf(block)).join("\n");
function textOf(block: Block): string {
  switch (block.kind) {
    case "table":
      return [block.header, ...block.rows].map((r) => r.join(" ")).join("\n");
    case "list":
      return block.items.join("\n");
    case "chart":
      return block.caption;
    case "labelled":
      return `${block.label} ${block.text}`;
    default:
      return block.text;
  }
}

describe.each(testDatabases)("annual report (%s)", (kind) => {
  const t = useTestDatabase(kind);
  const deps = (): ReportsDeps => ({
    db: t.db,
    dialect: t.dialect,
    clock: fixedClock("2021-03-24T01:00:00.000Z"),
    baseUrl: "http://localhost",
  });

  beforeAll(() => loadReportTestYear(t.db, t.dialect, secretariat));

  it("assembles FY2020 from the year's data, section by section as in the seed", async () => {
    const report = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 });
    expect(report.cover.title).toContain("令和2年度中小企業サイバーセキュリティ対策促進事業");
    expect(report.cover.title).toContain("長崎地域を対象とする事業実施報告書");
    expect(report.cover.issuedOnText).toBe("令和3年（2021年）3月31日");
    expect(headings(report)).toEqual(
      expect.arrayContaining([
        "1 実施概要",
        "1.1 調査目的",
        "1.3 期間",
        "2 長崎地域における地域SECURITY形成促進",
        "2.1 「長崎県サイバーセキュリティに関する相互協力協定」に基づく連携活動",
        "2.5 議論した結果",
        "3 長崎地域におけるサイバーセキュリティに関連するセミナーの開催",
        "3.1 実施概要",
        "3.2 実施結果",
        "4 長崎地域の実態把握調査",
        "4.1 実施概要",
        "4.3 アンケート調査に対する分析",
        "5 考察",
      ]),
    );
    const text = allText(report);
    expect(text).toContain("[産] 長崎県情報産業協会、トレンドマイクロ株式会社");
    expect(text).toContain("[学] 長崎県立大学");
    expect(text).toContain("[官] 長崎県、長崎県警察");
    expect(text).toContain("情報セキュリティに関する情報を共有し、関連セミナーへの参加を促進する。");
    expect(text).toContain("キーパーソンについては、現在、任命ができていない。");
    expect(text).toContain("会場参加者15名と、オンライン(Webex)参加者55名を併せて、合計70名が参加した。");
    expect(text).toContain("本セミナーが「長崎新聞」に掲載されました");
    expect(text).toContain("定員 会場 15名（当初30名）、オンライン 50名");
    expect(text).toContain("「有益であった」以上の評価が「講演1(84.3%)」、「講演2(90%)」と好評価であった。");
    // One fact, one figure: section 4's Q16 sentence repeats section 3.2's figures (the seminar's own
    // feedback survey), not the regional survey's smaller Q16 base.
    expect(text).toContain("Q16は、セミナーに参加して有益だったとの答えが講演1が84.3%、講演2が90%であった。");
    const feedbackChart = [...walkBlocks(report.sections)].find(
      ({ block }) => block.kind === "chart" && block.id.startsWith("chart.feedback."),
    )!.block;
    expect(
      feedbackChart.kind === "chart" &&
        feedbackChart.chart.kind === "stacked-100" &&
        feedbackChart.chart.rows.map((r) => r.label),
    ).toEqual([
      "講演1「長崎県内のサイバーセキュリティについて」",
      "講演2「最新のサイバー攻撃の実態とセキュリティ対策課題」",
    ]);
    expect(text).toContain("Q7（n=27、複数回答）");
    expect(text).toContain("有効回答数 28件");
    expect(text).toContain("実施期間 2021年1月27日～2021年2月23日"); // closes at midnight of the 24th, Japan time
    expect(text).toContain(
      "Q6は、75%の会社が従業員を対象としたサイバーセキュリティ教育を実施していたが、サプライチェーンにおけるセキュリティ対策の管理は25%と低かった。",
    );
    expect(text).toContain("Q12は、参加したい、参加を検討したいとの答えが57.1%であった。");
    // The region's prefecture comes from the operator's registry entry, its short name from its web domain.
    expect(text).toContain(
      "Q10は、長崎県や近隣県で開催されるコミュニティ活動や勉強会に参加したことがあるとの答えが57.1%であった。",
    );
    expect(text).toContain("Q11は、参加の中にはNISA主催の勉強会も含まれていた。");
    expect(text).toContain("[出席] 長崎県(政策監)、長崎県警察(警部)、長崎県立大学、長崎県情報産業協会(会長)");
    expect(text).toContain("(該当者無し)");
  });

  it("gives section 5 the community's average 自社診断 score, and says suppressed under 5 organisations", async () => {
    const selfCheck = async () => {
      const report = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 });
      const s5 = report.sections.find((s) => s.id === "s5")!;
      return s5.blocks.find((b) => b.kind === "labelled" && b.label.includes("自社診断"));
    };
    const score = async (total: number) => {
      const id = await insertOrganisation(t.db, { name: `診断${total}株式会社`, membership: "member" });
      await recordSelfCheckScore(t.db, deps().clock, {
        organisationId: id,
        surveyId: "s1",
        total,
        band: selfCheckBand(total),
      });
    };
    for (const total of [90, 85, 80, 75]) await score(total);
    // Four organisations: no average at all, not even in the text.
    const four = await selfCheck();
    expect(four && textOf(four)).toContain("秘匿");
    expect(four && textOf(four)).not.toMatch(/82\.5/);
    await score(72);
    expect(await selfCheck()).toMatchObject({ text: expect.stringContaining("80.4点（点数を記録した5団体") });
  });

  it("keeps the secretariat's edits when the report is generated again, and an empty field returns to the default", async () => {
    const before = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 });
    const considerations = narrativeBlocks(before).find((b) => b.id === "s5.considerations")!;
    expect(considerations.edited).toBe(false);
    expect(considerations.hints?.join(" ")).toContain("70名");

    await saveReportEdits(deps(), secretariat, {
      fiscalYear: 2020,
      edits: {
        "s5.considerations": "長崎地域は関心が高い。",
        "s1.period": "令和2年12月14日から令和3年3月24日まで",
        "cover.issuedOn": "2021-03-24",
      },
    });
    // New data after the edit: regeneration follows the data and keeps the edit.
    await t.db
      .insertInto("event_press_coverage")
      .values({
        id: "press-2",
        event_id: (await t.db.selectFrom("events").select("id").executeTakeFirstOrThrow()).id,
        outlet: "西日本新聞",
        published_on: null,
        url: null,
        note: null,
        created_at: "2021-03-01T00:00:00.000Z",
      })
      .execute();
    const again = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 });
    const edited = narrativeBlocks(again).find((b) => b.id === "s5.considerations")!;
    expect(edited).toMatchObject({
      text: "長崎地域は関心が高い。",
      edited: true,
      defaultText: considerations.defaultText,
    });
    expect(narrativeBlocks(again).find((b) => b.id === "s1.period")!.text).toBe(
      "令和2年12月14日から令和3年3月24日まで",
    );
    expect(again.cover.issuedOnText).toBe("令和3年（2021年）3月24日");
    expect(allText(again)).toContain("本セミナーが「西日本新聞」に掲載されました");

    await saveReportEdits(deps(), secretariat, { fiscalYear: 2020, edits: { "s5.considerations": "" } });
    const reset = narrativeBlocks(await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 })).find(
      (b) => b.id === "s5.considerations",
    )!;
    expect(reset).toMatchObject({ text: considerations.defaultText, edited: false });
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "entity_id"])
      .where("action", "=", "report.edit")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual([
      "2020:cover.issuedOn",
      "2020:s1.period",
      "2020:s5.considerations",
      "2020:s5.considerations",
    ]);
    // Edits belong to their fiscal year.
    const otherYear = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2021 });
    expect(narrativeBlocks(otherYear).find((b) => b.id === "s5.considerations")!.edited).toBe(false);
  });

  it("refuses unknown blocks, bad dates and bad years, writing nothing", async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom("report_edits")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const stored = await count();
    await expect(
      saveReportEdits(deps(), secretariat, {
        fiscalYear: 2020,
        edits: { "s9.nothing": "x", "s5.considerations": "ok" },
      }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "s9.nothing", code: "reports-block" }] });
    await expect(
      saveReportEdits(deps(), secretariat, { fiscalYear: 2020, edits: { "cover.issuedOn": "24/03/2021" } }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "cover.issuedOn", code: "reports-date" }] });
    await expect(assembleAnnualReport(deps(), secretariat, { fiscalYear: "令和2" })).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ code: "reports-fiscal-year" }],
    });
    expect(await count()).toBe(stored);
  });

  it("is the secretariat's: members and anonymous visitors can neither read, edit nor export it", async () => {
    await expect(assembleAnnualReport(deps(), member, { fiscalYear: 2020 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(assembleAnnualReport(deps(), { kind: "anonymous" }, { fiscalYear: 2020 })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(saveReportEdits(deps(), member, { fiscalYear: 2020, edits: {} })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(exportAnnualReport(deps(), member, { fiscalYear: 2020, format: "pdf" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      assembleAnnualReport(deps(), { ...secretariat, twoFactorEnabled: false } as Actor, { fiscalYear: 2020 }),
    ).rejects.toMatchObject({ code: "two-factor-required" });
  });

  it("exports DOCX and PDF, each export audited", async () => {
    const docx = await exportAnnualReport(deps(), secretariat, { fiscalYear: 2020, format: "docx" });
    expect(docx.body.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(docx.fileName).toBe("annual-report-FY2020.docx");
    const pdf = await exportAnnualReport(deps(), secretariat, { fiscalYear: 2020, format: "pdf" });
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.body.toString("latin1")).toContain("NotoSansJP");
    // The PDF's contents give each chapter the page it starts on (the footer's numbering).
    const pdfFile = path.join(tmpdir(), `chiiki-report-${process.pid}-${kind}.pdf`);
    await writeFile(pdfFile, pdf.body);
    try {
      const pageText = (page: number) =>
        execFileSync("pdftotext", ["-f", String(page + 1), "-l", String(page + 1), "-layout", pdfFile, "-"], {
          encoding: "utf8",
        });
      const contents = pageText(1);
      for (const chapter of [
        "1 実施概要",
        "3 長崎地域におけるサイバーセキュリティに関連するセミナーの開催",
        "5 考察",
      ]) {
        const listed = Number(new RegExp(`^${chapter}\\s+(\\d+)$`, "m").exec(contents)?.[1]);
        expect(listed, chapter).toBeGreaterThan(1);
        // (A long heading wraps between phrases: compare without the line breaks.)
        expect(pageText(listed).replace(/\s+/g, ""), chapter).toContain(chapter.replace(/\s+/g, ""));
        if (listed - 1 > 1)
          expect(pageText(listed - 1).replace(/\s+/g, ""), chapter).not.toContain(chapter.replace(/\s+/g, ""));
      }
    } finally {
      await rm(pdfFile, { force: true });
    }
    // The DOCX's contents are filled when it is opened: every entry has its page number written.
    const documentXml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    const entries = [...documentXml.matchAll(/PAGEREF (_Toc\d+) \\h.*?<w:t[^>]*>(\d+)<\/w:t>/g)];
    expect(entries.length).toBeGreaterThanOrEqual(15);
    expect(entries.every(([, , page]) => Number(page) >= 2)).toBe(true);
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["entity_id", "after_json"])
      .where("action", "=", "report.export")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => `${a.entity_id}:${JSON.parse(a.after_json!).format}`).sort()).toEqual([
      "2020:docx",
      "2020:pdf",
    ]);
    await expect(exportAnnualReport(deps(), secretariat, { fiscalYear: 2020, format: "odt" })).rejects.toMatchObject({
      code: "validation-failed",
    });
  });

  it("reports every standard questionnaire of the year in section 4, not only the first", async () => {
    // The suite's year, plus a second questionnaire (each test starts from the year alone).
    await createSurvey(deps(), secretariat, {
      title: "第2回 実態把握調査",
      template: "regional-standard",
      opensAt: "2021-03-01T00:00:00+09:00",
      closesAt: "2021-03-20T00:00:00+09:00",
    });
    const report = await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 });
    const all = headings(report);
    expect(all).toEqual(
      expect.arrayContaining([
        "4.1 実施概要（令和2年度 長崎地域の実態把握調査）",
        "4.3 アンケート調査に対する分析",
        "4.4 実施概要（第2回 実態把握調査）",
        "4.5 実施結果",
        "4.6 アンケート調査に対する分析",
      ]),
    );
    const text = allText(report);
    expect(text).toContain("有効回答数 28件");
    expect(text).toContain("有効回答数 0件");
    expect(text).toContain("その結果を4.5に示す。");
    const chartIds = [...walkBlocks(report.sections)].flatMap(({ block }) =>
      block.kind === "chart" ? [block.id] : [],
    );
    expect(new Set(chartIds).size).toBe(chartIds.length);
  });

  it("prints a free-text answer only as the secretariat reviewed it (the report leaves for METI)", async () => {
    const text = await t.db
      .selectFrom("survey_response_texts")
      .select(["survey_id", "response_id", "question", "kind", "text"])
      .where("text", "!=", "")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect(allText(await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 }))).toContain(text.text);
    await reviewSurveyText(deps(), secretariat, text.survey_id, {
      responseId: text.response_id,
      question: text.question,
      kind: text.kind as "other" | "text",
      decision: "hidden",
    });
    expect(allText(await assembleAnnualReport(deps(), secretariat, { fiscalYear: 2020 }))).not.toContain(text.text);
  });
});

describe("a capability that is not installed yet", () => {
  it("says its data is missing instead of failing", () => {
    const report = buildReport(
      {
        fiscalYear: 2020,
        communityName: "長崎地域SECURITY",
        operatorName: "一般社団法人長崎県情報産業協会",
        installed: new Set(),
        community: null,
        events: null,
        surveys: null,
        edits: new Map(),
      },
      createTranslate("ja"),
    );
    const missing = [...walkBlocks(report.sections)]
      .filter(({ block }) => block.kind === "missing")
      .map(({ section }) => section.id);
    expect(missing).toEqual(["s2", "s3", "s4"]);
    expect(headings(report)).toContain("5 考察");
  });
});

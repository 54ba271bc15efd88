import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { encodeCp932 } from "../files/text-encoding.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { exportResponses } from "./export-responses.ts";
import { exportResults } from "./export-results.ts";
import { importResponses } from "./import-responses.ts";
import { toCsv, toXlsx } from "./table-formats.ts";
import { member, secretariat, surveysTestDeps, twoTalks } from "../../tests/fixtures/surveys.ts";

const talks = twoTalks();

describe.each(testDatabases)("survey export and import on %s", (kind) => {
  const t = useTestDatabase(kind);
  const deps = () => surveysTestDeps(t);

  it("imports a JSON array, exports CSV with BOM, codes and labels, one column per choice, and XLSX", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    const preview = await importResponses(deps(), secretariat, id, {
      content: JSON.stringify([...nagasakiDemoAnswers(["t1", "t2"]), { q1: "ict" }]),
    });
    expect(preview).toMatchObject({ format: "json", rows: 29, valid: 28, imported: 0 });
    expect(preview.invalid[0]!.row).toBe(29);
    expect(await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", id).execute()).toEqual([]);
    const done = await importResponses(deps(), secretariat, id, {
      content: JSON.stringify(nagasakiDemoAnswers(["t1", "t2"])),
      commit: true,
    });
    expect(done.imported).toBe(28);

    const table = await exportResponses(deps(), secretariat, id);
    const bytes = toCsv(table);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const [codes, labels] = csv
      .slice(1)
      .split("\r\n")
      .map((l) => l.split(","));
    expect(codes).toContain("q7.executive-order");
    expect(codes).toContain("q1:label");
    expect(codes).toContain("q1-Comment");
    expect(labels![codes!.indexOf("q7.executive-order")]).toContain("経営層からの指示");
    const col = codes!.indexOf("q7.executive-order");
    expect(table.rows.filter((r) => r[col] === 1)).toHaveLength(12);
    expect(table.rows.filter((r) => r[col] === null)).toHaveLength(1); // Q7 not shown to one
    // The raw answers left the server: the audit log says who took them.
    const audited = await t.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "survey.export")
      .where("entity_id", "=", id)
      .execute();
    expect(audited.map((a) => JSON.parse(a.after_json!).file)).toEqual(["responses"]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await toXlsx([table])) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(30);

    const shared = await exportResults(deps(), secretariat, id, { by: "q2" });
    const cross = shared[1]!;
    const countCol = cross.codes.indexOf("count");
    expect(cross.rows.some((r) => r[countCol] === "非表示")).toBe(true);
    expect(cross.rows.every((r) => r[countCol] === "非表示" || Number(r[countCol]) >= 5)).toBe(true);
    await expect(exportResponses(deps(), member, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("imports a Google Forms CSV by question title and choice label, with other texts and grids", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    const q6 = [
      "情報資産の把握・管理",
      "セキュリティポリシー・規程の策定",
      "リスクの評価",
      "アクセス制御（ID・パスワード管理）",
      "ウイルス対策ソフトの導入・OSやソフトウェアの更新",
      "データのバックアップ",
      "従業員を対象としたサイバーセキュリティ教育",
      "不正アクセス等の監視",
      "インシデント対応体制・手順の整備",
      "サプライチェーンにおけるセキュリティ対策の管理",
    ];
    const q8 = [
      "公的機関のWEBサイト",
      "セキュリティベンダー・ITベンダー",
      "業界団体・商工団体",
      "取引先",
      "新聞・テレビ等",
      "ニュースサイト・SNS",
      "サイバーセキュリティ関連のコミュニティや勉強会",
      "セミナー・展示会",
    ];
    const header = [
      "タイムスタンプ",
      "メールアドレス",
      "Q1 所属している組織の業種として、最も近いものを1つ選択してください。",
      "Q2 所属している組織の従業員数（契約社員・パートを含み、派遣社員・委託先常駐者を除く）",
      "Q3 本社（本部）が所在する都道府県または地域",
      "Q4 事業はインターネットにどのくらい依存していますか。",
      "Q5 組織におけるあなたの立場",
      ...q6.map(
        (r) =>
          `Q6 以下のサイバーセキュリティ対策を実施していますか。それぞれもっとも近いものを1つずつ選択してください。 [${r}]`,
      ),
      "Q7 Q6の対策を実施することになったきっかけとして、あてはまるものをすべて選択してください。",
      ...q8.map(
        (r) =>
          `Q8 サイバーセキュリティ対策に関する情報をどこから得ていますか。それぞれもっとも近いものを1つずつ選択してください。 [${r}]`,
      ),
      "Q9 サイバーセキュリティ関連で懸念していることとして、あてはまるものをすべて選択してください。",
      "Q10 サイバーセキュリティ分野のコミュニティ活動や勉強会に参加したことがありますか。あてはまるものをすべて選択してください。",
      "Q11 差し支えない範囲で、参加された活動の内容を記入してください。",
      "Q15 コミュニティ活動や勉強会を通じて得たい情報や知識として、あてはまるものをすべて選択してください。",
      "地域情報セキュリティセミナーに参加しましたか。",
      "Q17 今後セミナー等で聞いてみたいテーマとして、あてはまるものをすべて選択してください。",
    ];
    const row = [
      "2021/01/28 10:00:00",
      "someone@example.jp",
      "団体",
      "6〜20人",
      "長崎県",
      "インターネットが使えないと事業が止まる",
      "経営層（経営者・役員）",
      ...q6.map(() => "実施している"),
      "経営層からの指示, 会社の信用性確保",
      ...q8.map(() => "時々利用している"),
      "インシデントが発生した場合に適切に対応できない恐れがある",
      "所属している県やその近隣で開催されるコミュニティ活動や勉強会に参加したことがある",
      "NISA主催の勉強会",
      "業種や企業規模に応じたセキュリティ対策の考え方",
      "参加していない",
      "サイバーセキュリティに関する最新の脅威の動向",
    ];
    const csv = [header, row, row.map((v, i) => (i === 4 ? "火星" : v))]
      .map((r) => r.map((v) => `"${v}"`).join(","))
      .join("\n");
    const preview = await importResponses(deps(), secretariat, id, { content: csv });
    expect(preview.format).toBe("csv");
    expect(preview.mapping[1]).toMatchObject({ header: "メールアドレス", question: null });
    expect(preview.mapping.find((m) => m.header.endsWith("[データのバックアップ]"))).toMatchObject({
      question: "q6",
      row: "backup",
    });
    expect(preview.unmatched).toEqual([{ question: "q3", value: "火星", count: 1 }]);
    expect(preview).toMatchObject({ rows: 2, valid: 1 });
    const done = await importResponses(deps(), secretariat, id, { content: csv, commit: true });
    expect(done.imported).toBe(1);
    const stored = JSON.parse(
      (
        await t.db
          .selectFrom("survey_responses")
          .select("answers_json")
          .where("survey_id", "=", id)
          .executeTakeFirstOrThrow()
      ).answers_json,
    );
    expect(stored).toMatchObject({
      q1: "other",
      "q1-Comment": "団体",
      q2: "6-20",
      q3: "nagasaki",
      q7: ["executive-order", "other"],
      "q7-Comment": "会社の信用性確保",
      q11: "NISA主催の勉強会",
    });
    expect(JSON.stringify(stored)).not.toContain("someone@example.jp");
    const results = await computeResults(deps(), secretariat, id);
    expect(results.responses).toBe(1);

    // The same file saved by Japanese Excel (CP932: 〜 becomes ～) and as UTF-16 with a BOM reads the same.
    for (const file of [encodeCp932(csv), new Uint8Array([0xff, 0xfe, ...iconv.encode(csv, "utf-16le")])]) {
      const again = await importResponses(deps(), secretariat, id, { file });
      expect(again).toMatchObject({
        format: "csv",
        rows: 2,
        valid: 1,
        unmatched: [{ question: "q3", value: "火星", count: 1 }],
      });
    }
  });
});

/**
 * The demo year's report edits: what NISA's secretariat wrote by hand in the seed and the data
 * cannot know — the programme's contract period, the report's date, and the considerations
 * (考察). Everything else in the FY2020 report is generated from the other demo steps' data.
 */
import { newId } from "../../db/ids.ts";
import type { DemoStep } from "../demo/demo-step.ts";

const FISCAL_YEAR = 2020;

const seedEdits: Record<string, string> = {
  "cover.issuedOn": "2021-03-24",
  "s1.period": "令和2年12月14日から令和3年3月24日まで",
  "s1.structure":
    "本事業は一般社団法人長崎県情報産業協会(NISA)が、長崎県産業労働部、長崎県警察本部サイバー犯罪対策課、長崎県立大学等の関係機関と連携して実施した。",
  "s5.considerations": [
    "長崎地域におけるセキュリティ対策は、長崎県立大学の情報システム学部に情報セキュリティ学科があり、サイバーセキュリティに特化した先端の実験検証ラボ設備が整備され、一般県民にも公開されていることもあり、また、企業や県民に対して、情報セキュリティの重要性や専門家によるセミナーが定期的に開催されており、NISA会員企業や、県内の事業者など多くがオープン参加できる環境にあることから、情報セキュリティに対する関心が非常に高い地域であると言える。",
    "また、長崎県警のサイバー犯罪対策課からの情報セキュリティ対策に関する情報掲載チラシが定期的に配信され、当協会(NISA)に対しても会員宛てメールとホームページへの掲載依頼があり、広く周知に協力している。",
    "実際にインシデントが発生した場合は、事例の紹介や対策なども情報公開されており、セキュリティ保険への加入や有効なUTMの設置など、具体的な対策を講じている企業は増えてきていると思われる。",
    "但し、専門的な高度教育や、国家資格「情報処理安全確保支援士(登録セキスペ)」の取得率が低く、またセキュリティ対策に関する費用や設備への投資は、まだ不十分な面があり、中小企業の末端まで行き届いていないのが実状であると思われる。",
    "今後は、現行の「長崎県サイバーセキュリティに関する相互協力協定」をベースに、行政(経済産業省、長崎県、市町村)、県警、関係機関(大学、団体)との協力体制をさらに強化して、有効なセミナーの定期開催、情報共有、セキュリティ人材の育成を推進して行く必要がある。",
  ].join("\n"),
};

export const reportsDemo: DemoStep = {
  name: "reports",
  async run({ db, clock, log }) {
    const existing = new Set(
      (await db.selectFrom("report_edits").select("block_id").where("fiscal_year", "=", FISCAL_YEAR).execute()).map(
        (r) => r.block_id,
      ),
    );
    const now = clock.now().toISOString();
    for (const [blockId, text] of Object.entries(seedEdits)) {
      if (existing.has(blockId)) continue;
      await db
        .insertInto("report_edits")
        .values({
          id: newId(clock.now().getTime()),
          fiscal_year: FISCAL_YEAR,
          block_id: blockId,
          text,
          updated_at: now,
          updated_by: "system:demo",
        })
        .execute();
    }
    log(`report: FY${FISCAL_YEAR} (${Object.keys(seedEdits).length} texts from the seed; the rest is generated)`);
  },
};

/**
 * The seed's survey (Nagasaki, FY2020, 28 valid answers) as compute-results would return it: counts
 * chosen to agree with every figure of the report's section 4.2 (shared/spec/demo-year.md) and with
 * the bases of questionnaire.md (Q7 27, Q12 7, Q13 4, Q14 0). Used by the report's tests and bench.
 */
import { percentOf, type QuestionResult, type SurveyResults } from "./survey-results.ts";

type Counts = [value: string, label: string, count: number][];

function choiceQuestion(
  name: string,
  type: string,
  title: string,
  base: number,
  counts: Counts,
  other: string[] = [],
  texts: string[] = [],
): QuestionResult {
  return {
    name,
    type,
    title,
    base,
    other,
    texts,
    rows: [],
    choices: counts.map(([value, label, count]) => ({ value, label, count, percent: percentOf(count, base) })),
  };
}

function matrixQuestion(
  name: string,
  title: string,
  columns: [string, string][],
  rows: [value: string, label: string, counts: number[]][],
): QuestionResult {
  const base = Math.max(...rows.map(([, , counts]) => counts.reduce((a, b) => a + b, 0)));
  return {
    name,
    type: "matrix",
    title,
    base,
    choices: [],
    other: [],
    texts: [],
    rows: rows.map(([value, label, counts]) => {
      const rowBase = counts.reduce((a, b) => a + b, 0);
      return {
        value,
        label,
        base: rowBase,
        columns: columns.map(([v, l], i) => ({
          value: v,
          label: l,
          count: counts[i]!,
          percent: percentOf(counts[i]!, rowBase),
        })),
      };
    }),
  };
}

const usefulness: [string, string][] = [
  ["very-useful", "非常に有益であった"],
  ["useful", "有益であった"],
  ["neutral", "どちらともいえない"],
  ["not-very-useful", "あまり有益ではなかった"],
  ["not-useful", "有益ではなかった"],
];

export const seedSurveyResults: SurveyResults = {
  responses: 28,
  questions: [
    choiceQuestion(
      "q1",
      "radiogroup",
      "所属している組織の業種として、最も近いものを1つ選択してください。",
      28,
      [
        ["manufacturing", "製造業", 1],
        ["ict", "情報通信業", 22],
        ["education", "教育，学習支援業", 1],
        ["public", "公務", 1],
        ["other", "その他", 3],
      ],
      ["知的財産活用に関する支援機関", "企業の技術指導", "団体"],
    ),
    choiceQuestion("q2", "radiogroup", "所属している組織の従業員数", 28, [
      ["1-5", "5人以下", 3],
      ["6-20", "6〜20人", 5],
      ["21-50", "21〜50人", 5],
      ["51-100", "51〜100人", 4],
      ["101-300", "101〜300人", 6],
      ["301-1000", "301〜1,000人", 3],
      ["1001+", "1,001人以上", 2],
    ]),
    choiceQuestion("q3", "dropdown", "本社（本部）が所在する都道府県または地域", 28, [
      ["tokyo", "東京都", 1],
      ["fukuoka", "福岡県", 2],
      ["nagasaki", "長崎県", 25],
    ]),
    choiceQuestion("q4", "radiogroup", "事業はインターネットにどのくらい依存していますか", 28, [
      ["critical", "インターネットが使えないと事業が止まる", 12],
      ["high", "事業の多くの部分が依存している", 10],
      ["partial", "一部の業務で依存している", 6],
      ["none", "ほとんど依存していない", 0],
    ]),
    choiceQuestion("q5", "radiogroup", "組織におけるあなたの立場", 28, [
      ["executive", "経営層（経営者・役員）", 9],
      ["it-manager", "情報システム・セキュリティ部門の責任者", 7],
      ["it-staff", "情報システム・セキュリティ担当者", 6],
      ["manager", "その他の部門の管理職", 4],
      ["staff", "一般社員", 2],
    ]),
    matrixQuestion(
      "q6",
      "以下のサイバーセキュリティ対策を実施していますか",
      [
        ["done", "実施している"],
        ["partly", "一部実施している"],
        ["not-done", "実施していない"],
        ["unknown", "わからない"],
      ],
      [
        ["asset-inventory", "情報資産の把握・管理", [14, 9, 4, 1]],
        ["policy", "セキュリティポリシー・規程の策定", [15, 7, 5, 1]],
        ["risk-assessment", "リスクの評価", [10, 9, 7, 2]],
        ["access-control", "アクセス制御（ID・パスワード管理）", [20, 6, 2, 0]],
        ["malware-patching", "ウイルス対策ソフトの導入・OSやソフトウェアの更新", [20, 7, 1, 0]],
        ["backup", "データのバックアップ", [19, 8, 1, 0]],
        ["employee-training", "従業員を対象としたサイバーセキュリティ教育", [21, 4, 3, 0]],
        ["monitoring", "不正アクセス等の監視", [12, 8, 6, 2]],
        ["incident-response", "インシデント対応体制・手順の整備", [11, 9, 6, 2]],
        ["supply-chain", "サプライチェーンにおけるセキュリティ対策の管理", [7, 8, 9, 4]],
      ],
    ),
    choiceQuestion(
      "q7",
      "checkbox",
      "Q6の対策を実施することになったきっかけ（すべて）",
      27,
      [
        ["executive-order", "経営層からの指示", 12],
        ["customer-request", "取引先からの要請", 11],
        ["incident", "自社・他社でのインシデント発生", 8],
        ["regulation", "法令・ガイドラインへの対応", 7],
        ["subsidy", "補助金申請等の要件", 1],
        ["vendor", "ITベンダー等からの提案", 3],
        ["news", "報道等で脅威を知った", 6],
        ["other", "その他", 2],
      ],
      ["会社の信用性確保", "パートナー企業からのセキュリティ要綱確認"],
    ),
    matrixQuestion(
      "q8",
      "サイバーセキュリティ対策に関する情報をどこから得ていますか",
      [
        ["often", "よく利用している"],
        ["sometimes", "時々利用している"],
        ["rarely", "ほとんど利用していない"],
        ["never", "利用していない"],
      ],
      [
        ["public-web", "公的機関のWEBサイト", [14, 9, 3, 2]],
        ["vendor", "セキュリティベンダー・ITベンダー", [9, 12, 4, 3]],
        ["association", "業界団体・商工団体", [4, 12, 7, 5]],
        ["customer", "取引先", [3, 10, 9, 6]],
        ["media", "新聞・テレビ等", [8, 12, 5, 3]],
        ["news-sns", "ニュースサイト・SNS", [12, 10, 4, 2]],
        ["community", "サイバーセキュリティ関連のコミュニティや勉強会", [5, 9, 8, 6]],
        ["seminar", "セミナー・展示会", [4, 13, 7, 4]],
      ],
    ),
    choiceQuestion("q9", "checkbox", "サイバーセキュリティ関連で懸念していること（すべて）", 28, [
      ["cannot-respond", "インシデントが発生した場合に適切に対応できない恐れがある", 15],
      ["no-monitoring", "適切に監視ができていない", 12],
      ["unknown-assets", "守るべき情報資産を把握できていない", 7],
      ["unknown-risks", "リスクを把握できていない", 9],
      ["awareness", "従業員のセキュリティ意識が低い", 10],
      ["supply-chain", "取引先・委託先の対策状況を把握できていない", 8],
      ["recovery", "被害からの復旧手順が整っていない", 9],
      ["budget", "予算・人材が不足している", 11],
      ["none", "特に懸念はない", 2],
    ]),
    choiceQuestion(
      "q10",
      "checkbox",
      "コミュニティ活動や勉強会に参加したことがありますか（すべて）",
      28,
      [
        ["local", "所属している県やその近隣で開催されるコミュニティ活動や勉強会に参加したことがある", 16],
        ["remote", "他の地域（首都圏等）で開催されるコミュニティ活動や勉強会に参加したことがある", 4],
        ["online", "オンラインで開催されるコミュニティ活動や勉強会に参加したことがある", 8],
        ["never", "コミュニティ活動や勉強会には参加したことがない", 7],
        ["other", "その他", 1],
      ],
      ["会社内で実施"],
    ),
    choiceQuestion(
      "q11",
      "comment",
      "参加された活動の内容",
      6,
      [],
      [],
      [
        "社内、取引先企業、NISA主催の勉強会 等",
        "登録セキスぺのセミナーなど",
        "株式会社カスペルスキーの対サイバー攻撃演習「Kaspersky Interactive Protection Simulation（KIPS：キップス）」を利用した、ゲーム形式で実践的に学習できる勉強会に参加しました。",
        "長崎県立大学シーボルト校長崎県工業技術センター",
        "テレワークの導入関係です",
        "I T E X P O 等への参加",
      ],
    ),
    choiceQuestion("q12", "radiogroup", "勉強会やコミュニティ活動に参加したいと考えますか", 7, [
      ["definitely", "条件に合うものがあれば必ず参加したい", 2],
      ["maybe", "条件によっては参加を検討したい", 2],
      ["no", "参加したくない", 0],
      ["unsure", "わからない", 3],
    ]),
    choiceQuestion("q13", "checkbox", "これまで参加しなかった理由（すべて）", 4, [
      ["no-topic", "参加したいテーマの勉強会やコミュニティ活動がなかった", 2],
      ["no-time", "参加する時間が確保できなかった", 1],
      ["unaware", "開催されていることを知らなかった", 1],
      ["too-far", "開催場所が遠かった", 0],
      ["cost", "参加費用が負担だった", 0],
      ["no-support", "社内の理解が得られなかった", 0],
    ]),
    choiceQuestion("q14", "checkbox", "参加したくない理由（すべて）", 0, [
      ["not-needed", "対策の必要性を感じない", 0],
      ["no-time", "時間が確保できない", 0],
      ["cost", "費用がかかる", 0],
    ]),
    choiceQuestion("q15", "checkbox", "コミュニティ活動や勉強会を通じて得たい情報や知識（すべて）", 28, [
      ["by-industry-size", "業種や企業規模に応じたセキュリティ対策の考え方", 20],
      ["threats", "最新の脅威・攻撃手口", 18],
      ["products", "具体的な対策製品・サービス", 10],
      ["incident-handling", "インシデント発生時の対応方法", 16],
      ["case-studies", "他社の対策事例", 17],
      ["training", "従業員教育の方法", 12],
      ["law", "関連法令・ガイドライン", 6],
      ["public-support", "公的支援制度（補助金・相談窓口）", 8],
    ]),
    choiceQuestion("q16_attended", "radiogroup", "地域情報セキュリティセミナーに参加しましたか", 28, [
      ["yes", "参加した", 20],
      ["no", "参加していない", 8],
    ]),
    // The seed's 84.3 % and 90 % are not fractions of 28 or fewer: they are the seminar's own
    // feedback (70 attendees), which Q16 reports "出席者のみで集計".
    matrixQuestion("q16", "講演ごとに、有益でしたか", usefulness, [
      ["talk-1", "講演1「長崎県内のサイバーセキュリティについて」", [25, 34, 9, 2, 0]],
      ["talk-2", "講演2「最新のサイバー攻撃の実態とセキュリティ対策課題」", [33, 30, 6, 1, 0]],
    ]),
    choiceQuestion(
      "q17",
      "checkbox",
      "今後セミナー等で聞いてみたいテーマ（すべて）",
      28,
      [
        ["latest-threats", "サイバーセキュリティに関する最新の脅威の動向", 21],
        ["work-style", "働き方（テレワーク等）に応じたセキュリティ対策", 20],
        ["sme-cases", "中小企業の対策事例", 15],
        ["incident-recovery", "インシデント対応・復旧", 12],
        ["supply-chain", "サプライチェーンセキュリティ", 9],
        ["cloud", "クラウド利用時のセキュリティ", 11],
        ["human-resources", "セキュリティ人材の育成", 8],
        ["insurance", "サイバー保険", 5],
        ["other", "その他", 3],
      ],
      [
        "国家資格の情報処理安全確保支援士は役立つか、",
        "経営者の意識が低いので（現場に丸投げ）、経営者が参加必須のセミナー開催",
        "サイバーセキュリティに関する保険プラン（価格も知りたいです）",
      ],
    ),
  ],
};

/**
 * The standard regional questionnaire Q1–Q17 (shared/spec/questionnaire.md) as SurveyJS JSON.
 * Question names and choice values are stable codes: results are compared across years and
 * regions by code, so they never change even when a region edits the wording.
 *
 * Pages are cut so that every condition depends on an earlier page: without JavaScript the
 * answering page goes page by page and a conditional question appears after the round trip.
 */
import {
  choices,
  freeText,
  grid,
  multiple,
  question,
  single,
  type Talk,
  talkRows,
  usefulnessColumns,
} from "./build.ts";
import { prefectures } from "./prefectures.ts";

export const REGIONAL_STANDARD = "regional-standard";

export const q1Choices = choices([
  ["agriculture", "農業，林業，漁業", "Agriculture, forestry and fisheries"],
  ["construction", "建設業", "Construction"],
  ["manufacturing", "製造業", "Manufacturing"],
  ["utilities", "電気・ガス・熱供給・水道業", "Electricity, gas, heat supply and water"],
  ["ict", "情報通信業", "Information and communications"],
  ["transport", "運輸業，郵便業", "Transport and postal activities"],
  ["trade", "卸売業，小売業", "Wholesale and retail trade"],
  ["finance", "金融業，保険業", "Finance and insurance"],
  ["real-estate", "不動産業，物品賃貸業", "Real estate and goods rental and leasing"],
  ["professional", "学術研究，専門・技術サービス業", "Scientific research, professional and technical services"],
  ["hospitality", "宿泊業，飲食サービス業", "Accommodations, eating and drinking services"],
  ["education", "教育，学習支援業", "Education, learning support"],
  ["medical", "医療，福祉", "Medical, health care and welfare"],
  ["services", "サービス業（他に分類されないもの）", "Services, not elsewhere classified"],
  ["public", "公務", "Government"],
]);

export const q2Choices = choices([
  ["1-5", "5人以下", "5 or fewer"],
  ["6-20", "6〜20人", "6–20"],
  ["21-50", "21〜50人", "21–50"],
  ["51-100", "51〜100人", "51–100"],
  ["101-300", "101〜300人", "101–300"],
  ["301-1000", "301〜1,000人", "301–1,000"],
  ["1001+", "1,001人以上", "1,001 or more"],
]);

const q6Rows = choices([
  ["asset-inventory", "情報資産の把握・管理", "Inventory and management of information assets"],
  ["policy", "セキュリティポリシー・規程の策定", "Security policy and rules"],
  ["risk-assessment", "リスクの評価", "Risk assessment"],
  ["access-control", "アクセス制御（ID・パスワード管理）", "Access control (IDs and passwords)"],
  [
    "malware-patching",
    "ウイルス対策ソフトの導入・OSやソフトウェアの更新",
    "Anti-virus software; OS and software updates",
  ],
  ["backup", "データのバックアップ", "Data backup"],
  ["employee-training", "従業員を対象としたサイバーセキュリティ教育", "Cybersecurity training for employees"],
  ["monitoring", "不正アクセス等の監視", "Monitoring for unauthorised access"],
  ["incident-response", "インシデント対応体制・手順の整備", "Incident response organisation and procedures"],
  ["supply-chain", "サプライチェーンにおけるセキュリティ対策の管理", "Managing security across the supply chain"],
]);

/** Q7 is shown when some Q6 row is `done` or `partly` (the report's base of 27 of 28). */
export const q7VisibleIf = q6Rows.map((row) => `{q6.${row.value}} anyof ['done', 'partly']`).join(" or ");

export interface RegionalStandardOptions {
  /** The linked seminar's talks; without them the seminar questions (Q16) are left out. */
  talks?: Talk[];
}

export function regionalStandardDefinition(options: RegionalStandardOptions = {}) {
  const talks = options.talks ?? [];
  const seminarQuestions = talks.length
    ? [
        single(
          "q16_attended",
          {
            ja: "地域情報セキュリティセミナーに参加しましたか。",
            en: "Did you attend the regional information security seminar?",
          },
          [
            ["yes", "参加した", "Yes"],
            ["no", "参加していない", "No"],
          ],
        ),
      ]
    : [];
  const talkQuestion = talks.length
    ? [
        grid(
          "q16",
          {
            ja: "セミナーの各講演はあなたにとって有益でしたか。講演ごとにもっとも近いものを1つずつ選択してください。",
            en: "Was each talk of the seminar useful to you? Choose one answer per talk.",
          },
          usefulnessColumns,
          talkRows(talks),
          { visibleIf: "{q16_attended} = 'yes'" },
        ),
      ]
    : [];

  return {
    locale: "ja",
    title: { ja: "地域のサイバーセキュリティ実態把握調査", en: "Regional cybersecurity survey" },
    showQuestionNumbers: "off",
    pages: [
      {
        name: "attributes",
        title: { ja: "回答者属性", en: "About you" },
        elements: [
          single(
            "q1",
            {
              ja: "Q1 所属している組織の業種として、最も近いものを1つ選択してください。",
              en: "Q1 Which industry is your organisation in? Choose the closest one.",
            },
            q1Choices,
            { other: true },
          ),
          single(
            "q2",
            {
              ja: "Q2 所属している組織の従業員数（契約社員・パートを含み、派遣社員・委託先常駐者を除く）",
              en: "Q2 Number of employees (including contract and part-time staff, excluding agency and contractor staff)",
            },
            q2Choices,
          ),
          question(
            "dropdown",
            "q3",
            { ja: "Q3 本社（本部）が所在する都道府県または地域", en: "Q3 Prefecture or region of your head office" },
            {},
            {
              placeholder: { ja: "選択してください", en: "Choose one" },
              choices: [
                ...prefectures.map((p) => ({ value: p.value, text: { ja: p.ja, en: p.en } })),
                { value: "overseas", text: { ja: "海外", en: "Overseas" } },
              ],
            },
          ),
          single(
            "q4",
            {
              ja: "Q4 事業はインターネットにどのくらい依存していますか。",
              en: "Q4 How much does your business depend on the internet?",
            },
            [
              ["critical", "インターネットが使えないと事業が止まる", "The business stops without the internet"],
              ["high", "事業の多くの部分が依存している", "Much of the business depends on it"],
              ["partial", "一部の業務で依存している", "Some operations depend on it"],
              ["none", "ほとんど依存していない", "Hardly at all"],
            ],
          ),
          single(
            "q5",
            { ja: "Q5 組織におけるあなたの立場", en: "Q5 Your position in the organisation" },
            [
              ["executive", "経営層（経営者・役員）", "Executive (owner, director)"],
              ["it-manager", "情報システム・セキュリティ部門の責任者", "Head of IT or security"],
              ["it-staff", "情報システム・セキュリティ担当者", "IT or security staff"],
              ["manager", "その他の部門の管理職", "Manager in another department"],
              ["staff", "一般社員", "Employee"],
            ],
            { other: true },
          ),
        ],
      },
      {
        name: "measures",
        title: { ja: "サイバーセキュリティ対策の状況", en: "Cybersecurity measures" },
        elements: [
          grid(
            "q6",
            {
              ja: "Q6 以下のサイバーセキュリティ対策を実施していますか。それぞれもっとも近いものを1つずつ選択してください。",
              en: "Q6 Does your organisation take the following measures? Choose one answer per row.",
            },
            [
              ["done", "実施している", "Done"],
              ["partly", "一部実施している", "Partly"],
              ["not-done", "実施していない", "Not done"],
              ["unknown", "わからない", "Don't know"],
            ],
            q6Rows,
          ),
        ],
      },
      {
        name: "motives",
        title: { ja: "対策のきっかけと情報源", en: "Reasons and sources" },
        elements: [
          multiple(
            "q7",
            {
              ja: "Q7 Q6の対策を実施することになったきっかけとして、あてはまるものをすべて選択してください。",
              en: "Q7 What led to the measures in Q6? Choose all that apply.",
            },
            [
              ["executive-order", "経営層からの指示", "Instruction from management"],
              ["customer-request", "取引先からの要請", "Request from a customer"],
              ["incident", "自社・他社でのインシデント発生", "An incident at our or another company"],
              ["regulation", "法令・ガイドラインへの対応", "Laws and guidelines"],
              ["subsidy", "補助金申請等の要件", "Requirement of a subsidy application"],
              ["vendor", "ITベンダー等からの提案", "Proposal from an IT vendor"],
              ["news", "報道等で脅威を知った", "Learned of threats from the news"],
            ],
            { visibleIf: q7VisibleIf, other: true },
          ),
          grid(
            "q8",
            {
              ja: "Q8 サイバーセキュリティ対策に関する情報をどこから得ていますか。それぞれもっとも近いものを1つずつ選択してください。",
              en: "Q8 Where do you get information on cybersecurity? Choose one answer per row.",
            },
            [
              ["often", "よく利用している", "Often"],
              ["sometimes", "時々利用している", "Sometimes"],
              ["rarely", "ほとんど利用していない", "Rarely"],
              ["never", "利用していない", "Never"],
            ],
            [
              ["public-web", "公的機関のWEBサイト", "Public agencies' websites"],
              ["vendor", "セキュリティベンダー・ITベンダー", "Security or IT vendors"],
              ["association", "業界団体・商工団体", "Industry and business associations"],
              ["customer", "取引先", "Customers and partners"],
              ["media", "新聞・テレビ等", "Newspapers, TV"],
              ["news-sns", "ニュースサイト・SNS", "News sites, social media"],
              [
                "community",
                "サイバーセキュリティ関連のコミュニティや勉強会",
                "Cybersecurity communities and study groups",
              ],
              ["seminar", "セミナー・展示会", "Seminars and exhibitions"],
            ],
          ),
          multiple(
            "q9",
            {
              ja: "Q9 サイバーセキュリティ関連で懸念していることとして、あてはまるものをすべて選択してください。",
              en: "Q9 What are your cybersecurity concerns? Choose all that apply.",
            },
            [
              [
                "cannot-respond",
                "インシデントが発生した場合に適切に対応できない恐れがある",
                "We may not respond properly to an incident",
              ],
              ["no-monitoring", "適切に監視ができていない", "We do not monitor properly"],
              [
                "unknown-assets",
                "守るべき情報資産を把握できていない",
                "We do not know which information assets to protect",
              ],
              ["unknown-risks", "リスクを把握できていない", "We do not know our risks"],
              ["awareness", "従業員のセキュリティ意識が低い", "Employees' security awareness is low"],
              [
                "supply-chain",
                "取引先・委託先の対策状況を把握できていない",
                "We do not know our partners' and contractors' measures",
              ],
              ["recovery", "被害からの復旧手順が整っていない", "We have no recovery procedures"],
              ["budget", "予算・人材が不足している", "Not enough budget or staff"],
              ["none", "特に懸念はない", "No particular concern"],
            ],
            { other: true },
          ),
        ],
      },
      {
        name: "community",
        title: { ja: "コミュニティ活動への参加", en: "Community activities" },
        elements: [
          multiple(
            "q10",
            {
              ja: "Q10 サイバーセキュリティ分野のコミュニティ活動や勉強会に参加したことがありますか。あてはまるものをすべて選択してください。",
              en: "Q10 Have you taken part in cybersecurity community activities or study groups? Choose all that apply.",
            },
            [
              [
                "local",
                "所属している県やその近隣で開催されるコミュニティ活動や勉強会に参加したことがある",
                "Yes, in my prefecture or nearby",
              ],
              [
                "remote",
                "他の地域（首都圏等）で開催されるコミュニティ活動や勉強会に参加したことがある",
                "Yes, in other regions (e.g. Greater Tokyo)",
              ],
              ["online", "オンラインで開催されるコミュニティ活動や勉強会に参加したことがある", "Yes, online"],
              ["never", "コミュニティ活動や勉強会には参加したことがない", "I have never taken part"],
            ],
            { other: true },
          ),
        ],
      },
      {
        name: "participation",
        elements: [
          freeText(
            "q11",
            {
              ja: "Q11 差し支えない範囲で、参加された活動の内容を記入してください。",
              en: "Q11 If you can, describe the activities you took part in.",
            },
            { visibleIf: "{q10} contains 'local'" },
          ),
          single(
            "q12",
            {
              ja: "Q12 勉強会やコミュニティ活動に参加したいと考えますか。もっとも近いものを1つ選択してください。",
              en: "Q12 Would you like to take part in study groups or community activities?",
            },
            [
              ["definitely", "条件に合うものがあれば必ず参加したい", "Definitely, if one suits me"],
              ["maybe", "条件によっては参加を検討したい", "Maybe, depending on the conditions"],
              ["no", "参加したくない", "No"],
              ["unsure", "わからない", "Not sure"],
            ],
            { visibleIf: "{q10} contains 'never'" },
          ),
        ],
      },
      {
        name: "reasons",
        elements: [
          multiple(
            "q13",
            {
              ja: "Q13 これまで勉強会やコミュニティ活動に参加しなかった理由として、あてはまるものをすべて選択してください。",
              en: "Q13 Why have you not taken part so far? Choose all that apply.",
            },
            [
              ["no-topic", "参加したいテーマの勉強会やコミュニティ活動がなかった", "No activity on a topic I wanted"],
              ["no-time", "参加する時間が確保できなかった", "No time"],
              ["unaware", "開催されていることを知らなかった", "I did not know about them"],
              ["too-far", "開催場所が遠かった", "Too far away"],
              ["cost", "参加費用が負担だった", "Too expensive"],
              ["no-support", "社内の理解が得られなかった", "No support within the company"],
            ],
            { visibleIf: "{q12} anyof ['definitely', 'maybe']", other: true },
          ),
          multiple(
            "q14",
            {
              ja: "Q14 勉強会やコミュニティ活動に参加したくない理由として、あてはまるものをすべて選択してください。",
              en: "Q14 Why would you not like to take part? Choose all that apply.",
            },
            [
              ["not-needed", "対策の必要性を感じない", "I see no need for measures"],
              ["no-time", "時間が確保できない", "No time"],
              ["cost", "費用がかかる", "It costs money"],
              ["not-useful", "自社の役に立つと思えない", "It would not help my company"],
              ["too-technical", "内容が専門的すぎる", "Too technical"],
              [
                "no-sharing",
                "社外と情報共有することに抵抗がある",
                "Reluctant to share information outside the company",
              ],
            ],
            { visibleIf: "{q12} = 'no'", other: true },
          ),
          multiple(
            "q15",
            {
              ja: "Q15 コミュニティ活動や勉強会を通じて得たい情報や知識として、あてはまるものをすべて選択してください。",
              en: "Q15 What would you like to learn through community activities? Choose all that apply.",
            },
            [
              [
                "by-industry-size",
                "業種や企業規模に応じたセキュリティ対策の考え方",
                "Security measures suited to industry and company size",
              ],
              ["threats", "最新の脅威・攻撃手口", "Latest threats and attack methods"],
              ["products", "具体的な対策製品・サービス", "Concrete products and services"],
              ["incident-handling", "インシデント発生時の対応方法", "How to respond to incidents"],
              ["case-studies", "他社の対策事例", "Other companies' cases"],
              ["training", "従業員教育の方法", "How to train employees"],
              ["law", "関連法令・ガイドライン", "Laws and guidelines"],
              ["public-support", "公的支援制度（補助金・相談窓口）", "Public support (subsidies, help desks)"],
            ],
            { other: true },
          ),
          ...seminarQuestions,
        ],
      },
      {
        name: "seminar",
        title: { ja: "セミナーについて", en: "Seminars" },
        elements: [
          ...talkQuestion,
          multiple(
            "q17",
            {
              ja: "Q17 今後セミナー等で聞いてみたいテーマとして、あてはまるものをすべて選択してください。",
              en: "Q17 Which topics would you like to hear about at future seminars? Choose all that apply.",
            },
            [
              [
                "latest-threats",
                "サイバーセキュリティに関する最新の脅威の動向",
                "Trends in the latest cybersecurity threats",
              ],
              [
                "work-style",
                "働き方（テレワーク等）に応じたセキュリティ対策",
                "Security for new ways of working (e.g. telework)",
              ],
              ["sme-cases", "中小企業の対策事例", "SME case studies"],
              ["incident-recovery", "インシデント対応・復旧", "Incident response and recovery"],
              ["supply-chain", "サプライチェーンセキュリティ", "Supply-chain security"],
              ["cloud", "クラウド利用時のセキュリティ", "Security in the cloud"],
              ["human-resources", "セキュリティ人材の育成", "Developing security staff"],
              ["insurance", "サイバー保険", "Cyber insurance"],
            ],
            { other: true },
          ),
        ],
      },
    ],
  };
}

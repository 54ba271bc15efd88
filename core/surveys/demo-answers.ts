/**
 * The 28 answers of the FY2020 Nagasaki survey, built so that every figure of section 4.2 of
 * the seed's report comes out of the counting rules (the report kept figures, not raw data):
 * Q1 ICT 22/28 = 78.6% (約80%) · Q2 ≤100 employees 17/28 = 60.7% (約60%) · Q3 Nagasaki 25/28 =
 * 89.3% (約90%) · Q4 100% depend on the internet · Q5 executives 9/28 = 32.1% (32%) · Q6 training
 * done 21/28 = 75%, supply chain done 7/28 = 25% · Q7 base 27: executive order 12 = 44.4%,
 * customer request 11 = 40.7% · Q8 public websites often 14 = 50%, communities often 5 = 17.9% ·
 * Q9 15 = 53.6%, 12 = 42.9% · Q10 local 16 = 57.1%, never 7 = 25% · Q11 6 of 16 wrote · Q12 base 7,
 * definitely+maybe 4 = 57.1% · Q13 base 4: no topic 2 = 50%, no time 1 = 25% · Q14 no base ·
 * Q15 20 = 71.4% · Q17 21 = 75%, 20 = 71.4%.
 */
import type { Answers } from "./check-answers.ts";

const N = 28;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const isIn = (i: number, list: number[]) => list.includes(i);

const q1Other = ["知的財産活用に関する支援機関", "企業の技術指導", "団体"];
const q7Other = ["会社の信用性確保", "パートナー企業からのセキュリティ要綱確認"];
const q11Texts = [
  "社内、取引先企業、NISA主催の勉強会 等",
  "登録セキスぺのセミナーなど",
  "株式会社カスペルスキーの対サイバー攻撃演習「Kaspersky Interactive Protection Simulation（KIPS：キップス）」を利用した、ゲーム形式で実践的に学習できる勉強会に参加しました。",
  "長崎県立大学シーボルト校長崎県工業技術センター",
  "テレワークの導入関係です",
  "I T E X P O 等への参加",
];
const q17Other = [
  "国家資格の情報処理安全確保支援士は役立つか、",
  "経営者の意識が低いので（現場に丸投げ）、経営者が参加必須のセミナー開催",
  "サイバーセキュリティに関する保険プラン（価格も知りたいです）",
];

/** [row, done, partly, unknown] among the 27 who did something (respondent 27 did nothing). */
const q6Plan: [string, number, number, number][] = [
  ["asset-inventory", 14, 9, 1],
  ["policy", 15, 7, 1],
  ["risk-assessment", 10, 10, 2],
  ["access-control", 22, 4, 0],
  ["malware-patching", 25, 2, 0],
  ["backup", 23, 4, 0],
  ["employee-training", 21, 5, 0],
  ["monitoring", 12, 9, 2],
  ["incident-response", 9, 11, 2],
  ["supply-chain", 7, 9, 5],
];

/** [row, often, sometimes, rarely] of 28; the rest `never`. */
const q8Plan: [string, number, number, number][] = [
  ["public-web", 14, 10, 3],
  ["vendor", 12, 11, 3],
  ["association", 4, 10, 8],
  ["customer", 5, 12, 6],
  ["media", 8, 12, 5],
  ["news-sns", 13, 10, 3],
  ["community", 5, 8, 7],
  ["seminar", 6, 14, 5],
];

function spread(i: number, offset: number, counts: number[], values: string[], size: number, fallback: string): string {
  const rank = (i + offset) % size;
  let edge = 0;
  for (let k = 0; k < counts.length; k++) {
    edge += counts[k]!;
    if (rank < edge) return values[k]!;
  }
  return fallback;
}

export function nagasakiDemoAnswers(talkIds: [string, string]): Answers[] {
  return range(0, N - 1).map((i) => {
    const a: Answers = {};
    if (i <= 21) a.q1 = "ict";
    else if (i <= 24) {
      a.q1 = "other";
      a["q1-Comment"] = q1Other[i - 22];
    } else a.q1 = ["manufacturing", "services", "education"][i - 25];

    a.q2 =
      i <= 2
        ? "1-5"
        : i <= 7
          ? "6-20"
          : i <= 12
            ? "21-50"
            : i <= 16
              ? "51-100"
              : i <= 22
                ? "101-300"
                : i <= 25
                  ? "301-1000"
                  : "1001+";
    a.q3 = isIn(i, [5, 12]) ? "fukuoka" : i === 20 ? "tokyo" : "nagasaki";
    a.q4 = i <= 11 ? "critical" : i <= 21 ? "high" : "partial";
    a.q5 =
      i % 3 === 0 && i < 27
        ? "executive"
        : ["it-manager", "it-staff", "manager", "it-manager", "staff", "it-staff"][i % 6];

    a.q6 = Object.fromEntries(
      q6Plan.map(([row, done, partly, unknown], k) => [
        row,
        i === 27
          ? k % 3 === 0
            ? "unknown"
            : "not-done"
          : spread(
              i,
              k * 5,
              [done, partly, 27 - done - partly - unknown],
              ["done", "partly", "not-done"],
              27,
              "unknown",
            ),
      ]),
    );

    if (i <= 26) {
      const q7: string[] = [];
      if (i <= 11) q7.push("executive-order");
      if (i >= 8 && i <= 18) q7.push("customer-request");
      if (i >= 21 && i <= 24) q7.push("regulation");
      if (i === 25) q7.push("incident");
      if (i === 26) q7.push("vendor");
      if (isIn(i, [3, 5])) q7.push("news");
      if (isIn(i, [19, 20])) {
        q7.push("other");
        a["q7-Comment"] = q7Other[i - 19];
      }
      a.q7 = q7;
    }

    a.q8 = Object.fromEntries(
      q8Plan.map(([row, often, sometimes, rarely], k) => [
        row,
        spread(
          i,
          row === "public-web" || row === "community" ? 0 : k * 3,
          [often, sometimes, rarely],
          ["often", "sometimes", "rarely"],
          N,
          "never",
        ),
      ]),
    );

    const q9: string[] = [];
    if (i <= 14) q9.push("cannot-respond");
    if (i >= 10 && i <= 21) q9.push("no-monitoring");
    if (i % 4 === 0) q9.push("awareness");
    if (i >= 20) q9.push("budget");
    if (isIn(i, [2, 7, 16])) q9.push("supply-chain");
    a.q9 = q9;

    if (i <= 15) {
      a.q10 = isIn(i, [0, 1, 2, 3]) ? ["local", "online"] : ["local"];
      if (i <= 5) a.q11 = q11Texts[i];
    } else if (i <= 22) {
      a.q10 = ["never"];
      a.q12 = i <= 17 ? "definitely" : i <= 19 ? "maybe" : "unsure";
      if (i <= 19) a.q13 = [["no-topic", "unaware"], ["no-topic"], ["no-time"], ["unaware", "too-far"]][i - 16];
    } else {
      a.q10 = i === 27 ? ["other"] : isIn(i, [23, 24]) ? ["remote", "online"] : ["online"];
      if (i === 27) a["q10-Comment"] = "会社内で実施";
    }

    const q15: string[] = [];
    if (i <= 19) q15.push("by-industry-size");
    if (i >= 12) q15.push("threats");
    if (i % 3 === 1) q15.push("case-studies");
    if (i % 5 === 2) q15.push("incident-handling");
    a.q15 = q15;

    a.q16_attended = i <= 9 ? "yes" : "no";
    if (i <= 9) {
      a.q16 = {
        [talkIds[0]]: i <= 3 ? "very-useful" : i <= 7 ? "useful" : "neutral",
        [talkIds[1]]: i <= 5 ? "very-useful" : i <= 8 ? "useful" : "not-very-useful",
      };
    }

    const q17: string[] = [];
    if (i <= 20) q17.push("latest-threats");
    if (i >= 5 && i <= 24) q17.push("work-style");
    if (i >= 25) {
      q17.push("other");
      a["q17-Comment"] = q17Other[i - 25];
    }
    if (i % 4 === 1) q17.push("sme-cases");
    a.q17 = q17;
    return a;
  });
}

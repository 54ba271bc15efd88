/**
 * bench/answer-page-weight: what a respondent's phone downloads to answer Q1–Q17 — every page's
 * HTML, the CSS and the script, gzipped — against the usual SurveyJS client page (survey.core
 * 312,223 B + survey-react-ui 48,079 B + survey-core.min.css 38,504 B = 398,806 B gzipped, see
 * shared/spec/STACK-NOTES.md). Target: ≤ 1/8. Needs a build: `npm run build` first, then
 * `node bench/answer-page-weight/answer-page-weight.bench.ts`.
 */
import { gzipSync } from "node:zlib";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "../../core/surveys/demo-answers.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { startAppServer } from "../../tests/support/server.ts";

const SURVEYJS_PAGE = 398_806;
const app = await startAppServer({
  rateLimits: false,
  env: { CHIIKI_WORKER: "off", CHIIKI_ADMIN_EMAIL: "bench@example.jp", CHIIKI_ADMIN_PASSWORD: "bench-password-123" },
});
try {
  const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
  const talks = [
    { id: "t1", title: "長崎県内のサイバーセキュリティについて" },
    { id: "t2", title: "最新のサイバー攻撃の実態とセキュリティ対策課題" },
  ];
  const { id } = await createSurvey(
    deps,
    { kind: "system", name: "bench" },
    { title: "地域のサイバーセキュリティ実態把握調査", template: "regional-standard", talks },
  );
  const gz = (text: string | Uint8Array) => gzipSync(text).length;
  let cookie = "";
  const get = async (url: string) => {
    const response = await fetch(new URL(url, app.baseUrl), { headers: { cookie }, redirect: "manual" });
    return { response, text: await response.text() };
  };

  // Walk the pages as a respondent does: answer the page, go to the next, until submitting.
  const answers = nagasakiDemoAnswers(["t1", "t2"])[0]!;
  let url = `/s/${id}`;
  const pages: number[] = [];
  let first = "";
  for (let step = 0; step < 20; step++) {
    const { text } = await get(url);
    if (!first) first = text;
    pages.push(gz(text));
    const page = /name="_page" value="(\d+)"/.exec(text);
    if (!page) break;
    const form = new URLSearchParams({ _page: page[1]! });
    for (const name of [...text.matchAll(/<fieldset class="sv-q[^"]*" id="q-([^"]+)"/g)].map((m) => m[1]!)) {
      const value = answers[name];
      if (Array.isArray(value)) for (const v of value) form.append(name, v);
      else if (value && typeof value === "object")
        for (const [row, column] of Object.entries(value)) form.append(`${name}::${row}`, column as string);
      else if (value !== undefined) form.append(name, String(value));
      if (answers[`${name}-Comment`]) form.append(`${name}-Comment`, String(answers[`${name}-Comment`]));
    }
    const submit = text.includes('value="submit"');
    form.append("_action", submit ? "submit" : "next");
    const posted = await fetch(new URL(`/s/${id}`, app.baseUrl), {
      method: "POST",
      body: form,
      headers: { cookie, origin: app.baseUrl },
      redirect: "manual",
    });
    cookie =
      posted.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ") || cookie;
    const location = posted.headers.get("location");
    if (!location) throw new Error(`page ${page[1]} was refused (${posted.status})`);
    url = location;
    if (submit) break;
  }
  const assets = [
    ...first.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
    ...first.matchAll(/<script[^>]*src="([^"]+)"/g),
  ].map((m) => m[1]!);
  let assetBytes = 0;
  for (const asset of assets) assetBytes += gz((await get(asset)).text);
  const firstPage = pages[0]! + assetBytes;
  const whole = pages.reduce((a, b) => a + b, 0) + assetBytes;
  console.log("bench/answer-page-weight (gzipped bytes)");
  console.log(`  assets (${assets.join(", ")}): ${assetBytes.toLocaleString("en")}`);
  console.log(
    `  first page HTML: ${pages[0]!.toLocaleString("en")}; all ${pages.length} pages incl. the thank-you page: ${pages.reduce((a, b) => a + b, 0).toLocaleString("en")}`,
  );
  console.log(
    `  first page + assets: ${firstPage.toLocaleString("en")} B = 1/${(SURVEYJS_PAGE / firstPage).toFixed(1)} of SurveyJS's ${SURVEYJS_PAGE.toLocaleString("en")} B`,
  );
  console.log(
    `  whole Q1–Q17 walk + assets: ${whole.toLocaleString("en")} B = 1/${(SURVEYJS_PAGE / whole).toFixed(1)} (target ≥ 1/8: ${whole * 8 <= SURVEYJS_PAGE ? "met" : "NOT met"})`,
  );
} finally {
  await app.stop();
}

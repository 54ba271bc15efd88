/**
 * Issue 5, "How it is checked", against the built app: kill -9 during 500 concurrent answers
 * (every 201 survives the restart), the Q1–Q17 answering page at phone size with JavaScript off
 * and on (Q10 → Q12 → Q13 branching both ways), and the demo's results page (Q7 base 27, Q12
 * base 7, Q13 base 4, Q14 該当者無し) for a secretariat signed in with TOTP.
 */
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "../../core/surveys/demo-answers.ts";
import { NAGASAKI_SURVEY_TITLE, surveysDemo } from "../../core/surveys/demo.ts";
import { testDatabases } from "../support/databases.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { localStorageOf } from "../support/storage.ts";

const system = { kind: "system", name: "surveys-e2e" } as const;
const talks = [
  { id: "talk-1", title: "長崎県内のサイバーセキュリティについて" },
  { id: "talk-2", title: "最新のサイバー攻撃の実態とセキュリティ対策課題" },
];
const admin = { email: "jimukyoku@nisa.example.jp", password: "出島の夜景は百万ドル 2021" };

async function newSurvey(app: AppServer): Promise<string> {
  const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
  return (
    await createSurvey(deps, system, {
      title: "地域のサイバーセキュリティ実態把握調査",
      template: "regional-standard",
      talks,
    })
  ).id;
}

describe.each(testDatabases)("survey answers survive kill -9 on %s", (kind) => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({
      database: kind,
      rateLimits: false,
      env: { CHIIKI_WORKER: "off", CHIIKI_ADMIN_EMAIL: admin.email, CHIIKI_ADMIN_PASSWORD: "kill-nine-password-123" },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("keeps every answer acknowledged with 201 when the server is killed during 500 concurrent submissions", async () => {
    const surveyId = await newSurvey(app);
    const sets = nagasakiDemoAnswers(["talk-1", "talk-2"]);
    const acknowledged: string[] = [];
    const submissions = Array.from({ length: 500 }, async (_, i) => {
      try {
        const response = await fetch(`${app.baseUrl}/api/v1/surveys/${surveyId}/responses`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ answers: sets[i % sets.length] }),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
      } catch {
        // the connection died with the process: not acknowledged, so not promised
      }
    });
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await app.kill9();
    await Promise.all(submissions);
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);
    expect(acknowledged.length).toBeLessThan(500); // the kill really interrupted the run
    await app.restart();
    const stored = new Set(
      (
        await app
          .db()
          .selectFrom("survey_responses")
          .select("id")
          .where("survey_id", "=", surveyId)
          .where("status", "=", "complete")
          .execute()
      ).map((r) => r.id),
    );
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
  });
});

describe.each(testDatabases)("the surveys API on %s", (kind) => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({
      database: kind,
      rateLimits: false,
      env: { CHIIKI_WORKER: "off", CHIIKI_ADMIN_EMAIL: admin.email, CHIIKI_ADMIN_PASSWORD: "api-test-password-123" },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("follows the issue's contract: create, answer (201 / 422 per question / 409 closed), results", async () => {
    const { createApiToken } = await import("../../core/accounts/api-tokens.ts");
    const { token } = await createApiToken({ db: app.db(), clock: systemClock }, system, {
      name: "surveys e2e",
      role: "secretariat",
    });
    const call = async (path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}) => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: init.method ?? (init.body ? "POST" : "GET"),
        headers: {
          ...(init.body ? { "Content-Type": "application/json" } : {}),
          ...(init.auth === false ? {} : { Authorization: `Bearer ${token}` }),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const created = await call("/api/v1/surveys", {
      body: { template: "regional-standard", title: "令和3年度 実態把握調査" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(
      (await call("/api/v1/surveys", { body: { template: "regional-standard", title: "x" }, auth: false })).status,
    ).toBe(401);

    const answers = { ...nagasakiDemoAnswers(["t1", "t2"])[19]! };
    delete answers.q16_attended;
    delete answers.q16;
    const ok = await call(`/api/v1/surveys/${id}/responses`, {
      body: { answers: { ...answers, q14: ["cost"] } },
      auth: false,
    });
    expect(ok).toMatchObject({ status: 201, body: { id: expect.any(String), status: "complete" } });
    const bad = await call(`/api/v1/surveys/${id}/responses`, {
      body: { answers: { q1: "other", q2: "lots", q6: { backup: "done" } } },
      auth: false,
    });
    expect(bad.status).toBe(422);
    const errors = Object.fromEntries(bad.body.errors.map((e: { question: string }) => [e.question, e]));
    expect(errors.q1).toMatchObject({ code: "other-required" });
    expect(errors.q2).toMatchObject({ code: "choice", message: "選択肢にない値です。" });
    expect(errors.q6).toMatchObject({ code: "all-rows-required" });
    expect(errors.q3).toMatchObject({ code: "required", message: "回答が必要です" });

    const results = await call(`/api/v1/surveys/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.responses).toBe(1);
    const q = Object.fromEntries(results.body.questions.map((x: { name: string }) => [x.name, x]));
    expect(q.q13.base).toBe(1);
    expect(q.q14.base).toBe(0);
    expect(q.q14.choices[0]).toMatchObject({ count: 0, percent: null });
    expect(q.q6.rows[0]).toMatchObject({ base: 1, columns: expect.any(Array) });
    expect((await call(`/api/v1/surveys/${id}/results`, { auth: false })).status).toBe(401);
    // Free texts reach the view for sharing only as reviewed (docs/survey-counting.md §6).
    const shared = async () =>
      (await call(`/api/v1/surveys/${id}/results?shared=1`)).body.questions.find(
        (x: { name: string }) => x.name === "q7",
      );
    expect((await shared()).other).toEqual([]);
    const text = results.body.textReviews.find((r: { question: string }) => r.question === "q7");
    expect(text).toMatchObject({ kind: "other", text: "会社の信用性確保", decision: "pending" });
    const review = {
      responseId: text.responseId,
      question: "q7",
      kind: "other",
      decision: "redacted",
      sharedText: "会社の○○確保",
    };
    expect(await call(`/api/v1/surveys/${id}/text-reviews`, { body: review })).toMatchObject({ status: 200 });
    expect((await shared()).other).toEqual(["会社の○○確保"]);
    expect((await call(`/api/v1/surveys/${id}/text-reviews`, { body: { ...review, responseId: "nope" } })).status).toBe(
      404,
    );

    await app.db().updateTable("surveys").set({ status: "closed" }).where("id", "=", id).execute();
    expect((await call(`/api/v1/surveys/${id}/responses`, { body: { answers }, auth: false })).status).toBe(409);
  });
});

/** Ticks the answers of one page of the form, as a respondent would. */
async function answerPage(page: Page, answers: Record<string, unknown>) {
  const names = await page.locator("fieldset.sv-q:not([hidden])").evaluateAll((els) => els.map((el) => el.id.slice(2)));
  for (const name of names) {
    const value = answers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) await page.locator(`input[name="${name}"][value="${v}"]`).check();
    else if (typeof value === "object" && value) {
      for (const [row, column] of Object.entries(value))
        await page.locator(`input[name="${name}::${row}"][value="${column}"]`).check();
    } else if (await page.locator(`select[name="${name}"]`).count())
      await page.locator(`select[name="${name}"]`).selectOption(String(value));
    else if (await page.locator(`textarea[name="${name}"]`).count())
      await page.locator(`textarea[name="${name}"]`).fill(String(value));
    else await page.locator(`input[name="${name}"][value="${value}"]`).check();
    const comment = answers[`${name}-Comment`];
    if (comment) await page.locator(`input[name="${name}-Comment"]`).fill(String(comment));
  }
  return names;
}

describe("the answering page and the results page", () => {
  let app: AppServer;
  const browser = useBrowser();
  beforeAll(async () => {
    app = await startAppServer({
      rateLimits: false,
      env: { CHIIKI_WORKER: "off", CHIIKI_ADMIN_EMAIL: admin.email, CHIIKI_ADMIN_PASSWORD: admin.password },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const javaScript of [false, true]) {
    const mode = javaScript ? "js" : "nojs";
    it(`answers Q1–Q17 at phone size with JavaScript ${javaScript ? "on" : "off"}, branching Q10 → Q12 → Q13 both ways`, async () => {
      const surveyId = await newSurvey(app);
      const demo = nagasakiDemoAnswers(["talk-1", "talk-2"]);
      // Respondent 16 never joined (Q12 definitely → Q13); respondent 0 joined locally (Q11, no Q12).
      for (const [respondent, expectations] of [
        [16, { q12: true, q13: true, q11: false }],
        [0, { q12: false, q13: false, q11: true }],
      ] as const) {
        const answers = demo[respondent]!;
        const page = await browser.newPage({ viewport: "phone", javaScript });
        await page.goto(`${app.baseUrl}/s/${surveyId}`);
        expect(await page.locator("script:not([nonce])").count()).toBe(0);
        expect(await page.locator('script[src*="/assets/"]').count()).toBe(0); // no React on this page
        if (javaScript) {
          // The page's own script runs under the CSP: typing an "other" text ticks その他.
          await page.locator('input[name="q1-Comment"]').fill("団体");
          await expect.poll(() => page.locator('input[name="q1"][value="other"]').isChecked()).toBe(true);
          await page.locator('input[name="q1-Comment"]').fill("");
        }
        const seen: string[] = [];
        for (let step = 0; step < 10; step++) {
          const names = await answerPage(page, answers);
          seen.push(...names);
          if (step === 0) {
            await expectNoAxeViolations(page);
            await screenshot(page, `surveys-answer-${mode}-${respondent}-page1`);
          }
          if (await page.getByRole("button", { name: "回答を送信する" }).count()) {
            await screenshot(page, `surveys-answer-${mode}-${respondent}-last`);
            await page.getByRole("button", { name: "回答を送信する" }).click();
            break;
          }
          await page.getByRole("button", { name: "次へ" }).click();
          await page.waitForLoadState("load");
          expect(await page.locator(".sv-error").count(), `errors after ${names.join(",")}`).toBe(0);
        }
        await expect.poll(() => page.getByRole("status").textContent()).toContain("回答を受け付けました");
        expect(seen.includes("q12")).toBe(expectations.q12);
        expect(seen.includes("q13")).toBe(expectations.q13);
        expect(seen.includes("q11")).toBe(expectations.q11);
        expect(seen).not.toContain("q14");
        expect(seen.filter((n) => n.startsWith("q1") || n === "q2").length).toBeGreaterThan(3);
      }
      const stored = await app
        .db()
        .selectFrom("survey_responses")
        .select(["answers_json", "status"])
        .where("survey_id", "=", surveyId)
        .execute();
      expect(stored.map((r) => r.status)).toEqual(["complete", "complete"]);
      const [never, local] = stored.map((r) => JSON.parse(r.answers_json));
      expect(never).toMatchObject({ q10: ["never"], q12: "definitely", q13: ["no-topic", "unaware"] });
      expect(local.q11).toBe(demo[0]!.q11);
      expect(local).not.toHaveProperty("q12");
    });
  }

  it("shows a missing answer's Japanese message beside the question, without JavaScript", async () => {
    const surveyId = await newSurvey(app);
    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    const { allowConsoleErrors } = await import("../support/browser.ts");
    allowConsoleErrors(page, /422/);
    await page.goto(`${app.baseUrl}/s/${surveyId}`);
    await page.locator('input[name="q1"][value="other"]').check();
    await page.getByRole("button", { name: "次へ" }).click();
    await expect.poll(() => page.locator("#e-q1").textContent()).toContain("回答が必要です");
    await expect.poll(() => page.locator("#e-q2").textContent()).toBe("回答が必要です");
    await screenshot(page, "surveys-answer-errors");
    await expectNoAxeViolations(page);
  });

  it("shows the demo's results to the secretariat: Q7 base 27, Q12 base 7, Q13 base 4, Q14 該当者無し", async () => {
    await surveysDemo.run({
      db: app.db(),
      dialect: app.dialect,
      clock: systemClock,
      actor: system,
      accounts: {} as never,
      storage: localStorageOf(app.dataDir),
      log: () => {},
    });
    const demo = await app
      .db()
      .selectFrom("surveys")
      .select("id")
      .where("title", "=", NAGASAKI_SURVEY_TITLE)
      .executeTakeFirstOrThrow();
    const page = await browser.newPage({ viewport: "phone" });
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.getByRole("button", { name: "ログイン", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/account/two-factor");
    // The enrolment form itself, not the sign-in form the router may still show (both have a password).
    await page.getByRole("button", { name: "設定を開始" }).waitFor();
    await page.locator('input[name="password"]').fill(admin.password);
    await page.getByRole("button", { name: "設定を開始" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent({ timeout: 15_000 }))!.trim();
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: "SHA1",
    });
    await page.locator('input[name="code"]').fill(totp.generate());
    await page.getByRole("button", { name: "コードを確認して有効にする" }).click();
    await page.waitForURL((url) => url.pathname === "/account");

    await page.goto(`${app.baseUrl}/surveys/${demo.id}/results`);
    const base = (name: string) => page.locator(`#result-${name} .sr-base`).textContent();
    await expect.poll(() => base("q7")).toContain("27");
    expect(await base("q12")).toContain("7");
    expect(await base("q13")).toContain("4");
    expect(await base("q14")).toBe("該当者無し");
    expect(await page.locator("#result-q7").textContent()).toContain("44.4%");
    expect(await page.locator("#result-q7").textContent()).toContain("会社の信用性確保");
    expect(await page.locator("#result-q2").textContent()).toContain("100名以下");
    expect(await page.locator("img.sr-chart").count()).toBeGreaterThan(10);
    await expectNoAxeViolations(page);
    await screenshot(page, "surveys-results-demo");

    await page.goto(`${app.baseUrl}/surveys/${demo.id}/results?question=q6&by=q2&shared=1`);
    await expect.poll(() => page.locator(".sr-cross-table").textContent()).toContain("非表示");
    await screenshot(page, "surveys-results-cross-shared");
    // The secretariat redacts a free text on the page; the view for sharing shows only that wording.
    await page.goto(`${app.baseUrl}/surveys/${demo.id}/results`);
    const review = page.locator("#result-q7 details.sr-review");
    await review.locator("summary").click();
    await review.locator("textarea").first().fill("会社の○○確保");
    await review.getByRole("button", { name: "伏せ字で公開" }).first().click();
    await expect.poll(() => page.locator(".notice--success").textContent()).toContain("保存しました");
    await page.goto(`${app.baseUrl}/surveys/${demo.id}/results?shared=1`);
    await expect.poll(() => page.locator("#result-q7").textContent()).toContain("会社の○○確保");
    await page.goto(`${app.baseUrl}/surveys/${demo.id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(NAGASAKI_SURVEY_TITLE);
    await expectNoAxeViolations(page);
    await screenshot(page, "surveys-overview-demo");
    for (const [path, name] of [
      ["/surveys", "list"],
      ["/surveys/new", "new"],
      [`/surveys/${demo.id}/edit`, "editor"],
      [`/surveys/${demo.id}/import`, "import"],
      [`/s/${demo.id}?preview=1&page=1`, "preview"],
    ] as const) {
      await page.goto(`${app.baseUrl}${path}`);
      await expectNoAxeViolations(page);
      await screenshot(page, `surveys-${name}`);
    }
    const csv = await page.request.get(`${app.baseUrl}/surveys/${demo.id}/export/responses.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.body())[0]).toBe(0xef); // UTF-8 byte-order mark
  });
});

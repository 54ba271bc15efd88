/**
 * Issue 18's question bank and posture import against the built app, at phone size on both
 * databases: the secretariat maps another community's own questions to Q1 and Q9 on the mapping
 * page (choices matched by label, one set by hand) and sees the canonical counts; the API reads
 * and writes the same mapping and names each problem; a CP932 posture file is previewed (refused
 * rows with their reasons, an era date among them), committed, and shows on the organisation's
 * posture; the new endpoints are in /api/openapi.json.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { writeCsv } from "../../core/files/csv.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { testDatabases } from "../support/databases.ts";
import {
  allowConsoleErrors,
  expectNoAxeViolations,
  screenshot,
  setUpSecretariat,
  useBrowser,
} from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";

const system = { kind: "system", name: "qbank-e2e" } as const;
const admin = {
  community: "テスト地域サイバーセキュリティ連絡会",
  name: "事務局",
  email: "qbank@example.jp",
  password: "設問バンクの合言葉 2026",
};

const ownDefinition = {
  locale: "ja",
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "gyoshu",
          title: "業種を選んでください",
          isRequired: true,
          choices: [
            { value: "it", text: "情報通信業" },
            { value: "mfg", text: "製造業" },
            { value: "etc", text: "その他の業種" },
          ],
        },
        {
          type: "checkbox",
          name: "concerns",
          title: "心配なこと",
          choices: ["awareness|従業員の意識", "money|お金が足りない"],
        },
      ],
    },
  ],
};

describe.each(testDatabases)("question bank and posture import on %s", (database) => {
  let app: AppServer;
  let token: string;
  let surveyId: string;
  let page: Page;
  const browser = useBrowser();

  beforeAll(async () => {
    app = await startAppServer({ database, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    token = (
      await createApiToken({ db: app.db(), clock: systemClock }, system, { name: "qbank e2e", role: "secretariat" })
    ).token;
    const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
    surveyId = (await createSurvey(deps, system, { title: "他地域の実態調査", definition: ownDefinition })).id;
    for (const answers of [
      { gyoshu: "it", concerns: ["awareness", "money"] },
      { gyoshu: "it", concerns: ["money"] },
      { gyoshu: "etc" },
    ]) {
      const r = await fetch(`${app.baseUrl}/api/v1/surveys/${surveyId}/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answers }),
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function api(path: string, init: { method?: string; body?: unknown; form?: FormData } = {}) {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: init.method ?? (init.body || init.form ? "POST" : "GET"),
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body ? { "Content-Type": "application/json" } : {}),
      },
      body: init.form ?? (init.body ? JSON.stringify(init.body) : undefined),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it("maps a community's own question to Q1 on the mapping page, at phone size, and counts it canonically", async () => {
    page = await browser.newPage({ viewport: "phone" });
    await setUpSecretariat(page, app.baseUrl, admin);
    await page.goto(`${app.baseUrl}/surveys/${surveyId}`);
    await page.getByRole("link", { name: "標準設問との対応づけ" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/mapping"));
    await expectNoAxeViolations(page);
    const gyoshu = page.locator("#q-gyoshu");
    await gyoshu.getByLabel("対応する標準設問").selectOption("q1");
    await gyoshu.getByRole("button", { name: "この設問を保存" }).click();
    // A new canonical question: the choices were matched by label, to be checked.
    await expect.poll(() => gyoshu.textContent()).toContain("選択肢はコードと表示名で自動的に対応づけられます");
    expect(await gyoshu.getByLabel(/情報通信業/).inputValue()).toBe("ict");
    expect(await gyoshu.getByLabel(/その他の業種/).inputValue()).toBe("");
    await gyoshu.getByLabel(/その他の業種/).selectOption("other");
    await gyoshu.getByRole("button", { name: "この設問を保存" }).click();
    await expect.poll(() => gyoshu.textContent()).toContain("対応づけを保存しました。");
    expect(await gyoshu.getByLabel(/その他の業種/).inputValue()).toBe("other");
    const q1 = page.locator('.qb-results li[data-code="q1"]');
    // The results below follow once the page has reloaded its data.
    await expect.poll(() => q1.textContent()).toContain("その他 1");
    expect(await q1.textContent()).toContain("情報通信業 2");
    expect(await page.locator("main").textContent()).toContain("このアンケートで尋ねた標準設問：1問");
    await expectNoAxeViolations(page);
    await screenshot(page, `qbank-${database}-mapping-phone`);
  });

  it("reads and writes the same mapping over the API, naming each problem and writing nothing then", async () => {
    const got = await api(`/api/v1/surveys/${surveyId}/mapping`);
    expect(got.status).toBe(200);
    expect(got.body.questions.find((q: any) => q.name === "gyoshu")).toMatchObject({
      canonical: "q1",
      source: "staff",
    });
    expect(got.body.bank[0]).toMatchObject({ code: "q1", number: "Q1" });
    const bad = await api(`/api/v1/surveys/${surveyId}/mapping`, {
      method: "PUT",
      body: {
        questions: [
          { name: "concerns", canonical: "q4" },
          { name: "nope", canonical: null },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(["questions.0.canonical", "questions.1.name"]);
    const put = await api(`/api/v1/surveys/${surveyId}/mapping`, {
      method: "PUT",
      body: { questions: [{ name: "concerns", canonical: "q9", choices: { money: "budget" } }] },
    });
    expect(put.status).toBe(200);
    const results = await api(`/api/v1/surveys/${surveyId}/canonical-results`);
    expect(results.body.asked.sort()).toEqual(["q1", "q9"]);
    const q9 = results.body.questions.find((q: any) => q.code === "q9");
    expect(q9.choices.find((c: any) => c.value === "budget").count).toBe(2);
    const shared = await api(`/api/v1/surveys/${surveyId}/canonical-results?shared=1`);
    expect(shared.body.questions.find((q: any) => q.code === "q9")).toMatchObject({ base: null, suppressed: true });
    const spec = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as any;
    expect(Object.keys(spec.paths["/api/v1/surveys/{id}/mapping"]).sort()).toEqual(["get", "put"]);
    expect(spec.paths["/api/v1/posture-imports"].post).toBeTruthy();
    expect(spec.paths["/api/v1/posture-imports/commit"].post).toBeTruthy();
  });

  it("imports a CP932 posture file on the page: the refused row says why, the rest is recorded at once", async () => {
    const created = await api("/api/v1/organisations", {
      body: {
        name: "株式会社出島システム",
        sector: "industry",
        membership: "member",
        corporateNumber: "1180301018771",
      },
    });
    expect(created.status).toBe(201);
    await page.goto(`${app.baseUrl}/community/import`);
    await page.getByRole("link", { name: "セキュリティ対策状況の取り込み" }).click();
    await page.waitForURL((url) => url.pathname === "/community/posture-import");
    // The address can change before the new page is drawn, and the registry import's page has a file
    // field and a "内容を確認する" button too: wait for this page's heading, or the file goes to that one.
    await page.getByRole("heading", { level: 1, name: "セキュリティ対策状況の取り込み" }).waitFor();
    const csv = writeCsv(
      [
        ["法人番号", "団体名", "SECURITY ACTION", "宣言ID", "SCS評価制度", "SCS有効期限", "サイバー保険"],
        ["1180301018771", "出島システム", "★★二つ星", "SA-0001", "★3", "令和9年3月31日", "はい"],
        ["", "存在しない会社", "★", "", "", "", ""],
        // An era date before its era began: refused, and the message says why, in Japanese.
        ["1180301018771", "", "", "", "★4", "令和元年4月1日", ""],
      ],
      { encoding: "cp932" },
    );
    await page
      .locator('input[name="file"]')
      .setInputFiles({ name: "対策状況.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "内容を確認する" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("取り込めない2行");
    const refused = page.locator("tr.row-error");
    expect(await refused.locator("th").allTextContents()).toEqual(["3", "4"]);
    expect(await refused.first().textContent()).toContain("この名称の団体が見つかりません。");
    expect(await refused.last().textContent()).toContain(
      "SCS有効期限: 「令和元年4月1日」は令和の日付ではありません（令和は 2019-05-01 –）。元号と年を確かめてください。",
    );
    await expectNoAxeViolations(page);
    await screenshot(page, `qbank-${database}-posture-preview-phone`);
    await page.getByRole("button", { name: "3件を記録する" }).click();
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("1団体のセキュリティ対策状況を3件記録しました。");
    const posture = await api(`/api/v1/organisations/${created.body.id}/posture`);
    expect(posture.body.current["security-action"]).toMatchObject({
      held: true,
      record: { level: "two-star", reference: "SA-0001" },
    });
    expect(posture.body.current.scs.record).toMatchObject({ level: "star-3", validUntil: "2027-03-31" });
  });

  it("offers the same import over the API: preview, then commit once", async () => {
    const form = new FormData();
    const csv = writeCsv([
      ["Corporate number", "Cyber insurance", "Otasuketai service"],
      ["1180301018771", "none", "九州サイバーお助け隊"],
    ]);
    form.set("file", new Blob([csv], { type: "text/csv" }), "posture.csv");
    const preview = await api("/api/v1/posture-imports", { form });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ accepted: 1, refused: 0, records: 2 });
    const commit = await api("/api/v1/posture-imports/commit", { body: { token: preview.body.token } });
    expect(commit).toMatchObject({ status: 200, body: { organisations: 1, records: 2 } });
    const again = await api("/api/v1/posture-imports/commit", { body: { token: preview.body.token } });
    expect(again.status).toBe(409);
    allowConsoleErrors(page, /40[49]/);
  });
});

/**
 * The answering page with the SurveyJS types a regional survey uses (ADR 025), in Chromium at
 * phone size, JavaScript off and on: a panel behind a compound same-page condition (shown with
 * JavaScript only when survey-core on the server says so; without it shown, and its answers
 * dropped by the server when the condition is false), resuming at the page where the respondent
 * stopped, the new controls (rating, ranking, matrixdropdown, dynamic rows, multipletext) and axe.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { enrolTotp, firstRun } from "./http-session.ts";

const system = { kind: "system", name: "surveyjs-e2e" } as const;
/** A change waits 200 ms, then one request to the server (on a loaded 2-core CI machine, allow more). */
const live = { timeout: 10_000 };
const definition = JSON.parse(
  readFileSync(new URL("../fixtures/surveyjs/regional-all-types.json", import.meta.url), "utf8"),
);

describe("the answering page with every SurveyJS type", () => {
  let app: AppServer;
  const browser = useBrowser();
  beforeAll(async () => {
    app = await startAppServer({
      rateLimits: false,
      // An administrator exists, so the app is past its first-run setup page.
      env: {
        CHIIKI_WORKER: "off",
        CHIIKI_ADMIN_EMAIL: "admin@example.jp",
        CHIIKI_ADMIN_PASSWORD: "surveyjs-types-e2e-2026",
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses an unsupported definition on the import page exactly as the API does: each question and its reason", async () => {
    const other = await startAppServer({ rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    try {
      const account = {
        community: "長崎地域",
        name: "事務局 花子",
        email: "hanako@example.jp",
        password: "surveyjs-import-2026",
      };
      const session = await firstRun(other.baseUrl, account);
      await enrolTotp(session, account.password);
      const refused = JSON.parse(
        readFileSync(new URL("../fixtures/real/surveyjs/frameworks-shared-value-name.json", import.meta.url), "utf8"),
      );
      const page = await session.post("/surveys/new", {
        title: "取り込み",
        source: "import",
        access: "public",
        definition: JSON.stringify(refused),
      });
      expect(page.status).toBe(422);
      const html = (await page.text()).replace(/&quot;/g, '"').replace(/<!-- -->/g, "");
      const api = await fetch(`${other.baseUrl}/api/v1/surveys`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: session.cookie, origin: other.baseUrl },
        body: JSON.stringify({ title: "取り込み", definition: refused }),
      });
      expect(api.status).toBe(422);
      const { errors } = (await api.json()) as { errors: { field: string; message: string }[] };
      expect(errors.map((e) => e.field)).toEqual(["frameworksRateMatrix", "frameworksRatePanel"]);
      for (const e of errors) {
        expect(e.message).toContain(`設問「${e.field}」`);
        expect(html).toContain(e.message);
      }
    } finally {
      await other.stop();
    }
  });

  for (const javaScript of [false, true]) {
    it(`answers all types with JavaScript ${javaScript ? "on" : "off"}, with a compound visibleIf on page 1`, async () => {
      const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
      const { id } = await createSurvey(deps, system, { title: "全形式の調査", definition });
      const page = await browser.newPage({ viewport: "phone", javaScript });
      await page.goto(`${app.baseUrl}/s/${id}`);
      expect(await page.locator("script:not([nonce])").count()).toBe(0);
      const timings: number[] = [];
      page.on("requestfinished", (r) => {
        if (r.url().includes("/conditions")) timings.push(r.timing().responseEnd - r.timing().requestStart);
      });
      const panel = page.locator('fieldset[data-name="担当者数"]');
      const size = (v: string) => page.locator(`input[name="会社 規模"][value="${v}"]`).check();
      if (javaScript) {
        // Hidden until 担当者あり and 21〜100人 or more (an `and` of two same-page answers).
        await expect.poll(() => panel.isHidden(), live).toBe(true);
        await size("2");
        await page.locator('input[name="担当者の有無"][value="true"]').check();
        await expect.poll(() => panel.isVisible(), live).toBe(true);
        await size("1");
        await expect.poll(() => panel.isHidden(), live).toBe(true);
        await size("3");
        await expect.poll(() => panel.isVisible(), live).toBe(true);
        // requiredIf follows as well: 101人以上 makes the count required.
        await expect.poll(() => panel.locator(".sv-req").count(), live).toBe(1);
        await page.locator('input[name="従業員数"]').fill("120");
        await expect.poll(() => page.locator("output[data-display]").textContent(), live).toBe("中規模以上");
        console.log(`live conditions: ${timings.length} requests, ${timings.map((t) => Math.round(t)).join("/")} ms`);
      } else {
        expect(await panel.isVisible()).toBe(true);
        await size("1");
        await page.locator('input[name="担当者の有無"][value="true"]').check();
      }
      await panel.locator("input").fill("2");
      await expectNoAxeViolations(page);
      await screenshot(page, `surveyjs-types-${javaScript ? "js" : "nojs"}-page1`);
      await page.getByRole("button", { name: "次へ" }).click();
      await page.waitForLoadState("load");
      expect(await page.locator(".sv-progress").textContent()).toContain("2 / 3");

      // Page 2, then leave and come back without ?page: the page where answering stopped.
      await page.locator('input[name="満足度"][value="4"]').check();
      await page.locator('select[name="優先順位::people"]').selectOption("1");
      await page.locator('select[name="優先順位::cost"]').selectOption("2");
      await page.locator('input[name="実施状況::backup"][value="done"]').check();
      await page.getByRole("button", { name: "次へ" }).click();
      await page.waitForLoadState("load");
      await page.goto(`${app.baseUrl}/s/${id}`);
      expect(await page.locator(".sv-progress").textContent()).toContain("3 / 3");

      await page.locator('input[name="機器::pc::count"]').fill("12");
      await page.locator('select[name="機器::pc::os"]').selectOption("win");
      await page.locator('input[name="機器::pc::av"][value="a"]').check();
      await page.locator('input[name="拠点::0::city"]').fill("長崎市");
      await page.locator('input[name="連絡先::部署"]').fill("総務");
      await page.locator('input[name="事故::0::影響"][value="小"]').check();
      await expectNoAxeViolations(page);
      await screenshot(page, `surveyjs-types-${javaScript ? "js" : "nojs"}-page3`);
      await page.getByRole("button", { name: "回答を送信する" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("回答を受け付けました");

      const row = await app
        .db()
        .selectFrom("survey_responses")
        .select(["answers_json", "status"])
        .where("survey_id", "=", id)
        .executeTakeFirstOrThrow();
      const stored = JSON.parse(row.answers_json);
      expect(row.status).toBe("complete");
      expect(stored).toMatchObject({
        満足度: 4,
        優先順位: ["people", "cost"],
        機器: { pc: { count: 12, os: "win", av: ["a"] } },
        拠点: [{ city: "長崎市" }],
        連絡先: { 部署: "総務" },
        事故: [{ 影響: "小" }],
      });
      // With JavaScript the panel was shown (101人以上); without, 1〜20人 hid it: the server dropped it.
      if (javaScript) expect(stored.担当者数).toBe(2);
      else expect(stored).not.toHaveProperty("担当者数");
    });
  }
});

/**
 * A SurveyJS tag box on the answering page, in Chromium at phone size: without JavaScript a
 * native multiple select posted like a checkbox list; with JavaScript the module script
 * (loaded with the page's CSP nonce) draws a chip picker: typing filters (katakana found by
 * hiragana), Enter and clicks add, × and Backspace remove, the arrow keys move, and a same-page
 * condition on the tag box follows each change. axe on both, screenshots in test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { allowConsoleErrors, expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";

const system = { kind: "system", name: "tagbox-e2e" } as const;
const live = { timeout: 10_000 };
const definition = {
  title: "利用サービスの調査",
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "tagbox",
          name: "利用サービス",
          title: "利用しているサービスをすべて選んでください",
          isRequired: true,
          choices: ["mail|メール", "cloud|クラウドストレージ", "vpn|VPN", "web|ウェブ会議", "erp|基幹システム"],
          showOtherItem: true,
        },
        {
          type: "text",
          name: "クラウド事業者",
          title: "クラウドの事業者名",
          visibleIf: "{利用サービス} contains 'cloud'",
        },
        { type: "text", name: "部署", title: "回答者の部署", isRequired: true },
      ],
    },
  ],
};

describe("the tag box on the answering page", () => {
  let app: AppServer;
  const browser = useBrowser();
  beforeAll(async () => {
    app = await startAppServer({
      rateLimits: false,
      env: {
        CHIIKI_WORKER: "off",
        CHIIKI_ADMIN_EMAIL: "admin@example.jp",
        CHIIKI_ADMIN_PASSWORD: "tagbox-e2e-2026-pw",
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const newSurvey = async () => {
    const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
    return (await createSurvey(deps, system, { title: "利用サービスの調査", definition })).id;
  };
  const stored = async (id: string) => {
    const row = await app
      .db()
      .selectFrom("survey_responses")
      .select(["answers_json", "status"])
      .where("survey_id", "=", id)
      .executeTakeFirstOrThrow();
    return { status: row.status, answers: JSON.parse(row.answers_json) as Record<string, unknown> };
  };

  it("without JavaScript: a native multiple select, posted like a checkbox list", async () => {
    const id = await newSurvey();
    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    await page.goto(`${app.baseUrl}/s/${id}`);
    const select = page.locator('select[name="利用サービス"]');
    expect(await select.getAttribute("multiple")).not.toBeNull();
    expect(await page.locator('script[type="module"][src="/survey-tagbox.js"][nonce]').count()).toBe(1);
    expect(await select.locator("option").allTextContents()).toEqual([
      "メール",
      "クラウドストレージ",
      "VPN",
      "ウェブ会議",
      "基幹システム",
      "その他",
    ]);
    // Nothing chosen: the server refuses the page (422) and marks the question.
    allowConsoleErrors(page, /status of 422/);
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator(".sv-q--invalid").count()).toBe(2);
    await page.locator('input[name="部署"]').fill("総務");
    await page.locator('select[name="利用サービス"]').selectOption(["mail", "cloud", "other"]);
    await page.locator('input[name="利用サービス-Comment"]').fill("社内チャット");
    await page.locator('input[name="クラウド事業者"]').fill("長崎クラウド");
    await expectNoAxeViolations(page);
    await screenshot(page, "surveyjs-tagbox-nojs");
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("回答を受け付けました");
    expect(await stored(id)).toEqual({
      status: "complete",
      answers: {
        利用サービス: ["mail", "cloud", "other"],
        "利用サービス-Comment": "社内チャット",
        クラウド事業者: "長崎クラウド",
        部署: "総務",
      },
    });
  });

  it("with JavaScript: a chip picker by keyboard and by touch; the same-page condition follows it", async () => {
    const id = await newSurvey();
    const page = await browser.newPage({ viewport: "phone", javaScript: true });
    await page.goto(`${app.baseUrl}/s/${id}`);
    const select = page.locator('select[name="利用サービス"]');
    const combo = page.getByRole("combobox", { name: /利用しているサービス/ });
    const chips = page.locator(".sv-chip > span:first-child");
    const cloudField = page.locator('fieldset[data-name="クラウド事業者"]');
    await expect.poll(() => combo.isVisible(), live).toBe(true);
    expect(await select.isHidden()).toBe(true);
    await expect.poll(() => cloudField.isHidden(), live).toBe(true);

    // Type to filter: hiragana finds the katakana choice; Enter adds it.
    await combo.click();
    await combo.pressSequentially("くらうど");
    expect(await page.getByRole("option").allTextContents()).toEqual(["クラウドストレージ"]);
    await combo.press("Enter");
    expect(await chips.allTextContents()).toEqual(["クラウドストレージ"]);
    await expect.poll(() => cloudField.isVisible(), live).toBe(true);
    await expect.poll(() => page.locator(".sv-chips [role=status]").textContent()).toContain("追加しました");

    // A filter that matches nothing says so; Enter does not submit the page.
    await combo.pressSequentially("zzz");
    await expect.poll(() => page.locator(".sv-chip-none").isVisible()).toBe(true);
    await combo.press("Enter");
    expect(page.url()).toBe(`${app.baseUrl}/s/${id}`);
    await combo.fill("");

    // Arrow keys: the second remaining choice (VPN), then a tap on メール.
    await combo.press("ArrowDown");
    await combo.press("ArrowDown");
    expect(await combo.getAttribute("aria-activedescendant")).toMatch(/-1$/);
    await combo.press("Enter");
    await combo.click();
    await page.getByRole("option", { name: "メール" }).click();
    expect(await chips.allTextContents()).toEqual(["メール", "クラウドストレージ", "VPN"]);
    await expect.poll(() => combo.getAttribute("aria-expanded")).toBe("true");
    await expectNoAxeViolations(page);
    await screenshot(page, "surveyjs-tagbox-js-open");

    // × removes (focus back in the field), Backspace in the empty field removes the last.
    await page.getByRole("button", { name: "「クラウドストレージ」を外す" }).click();
    await expect.poll(() => cloudField.isHidden(), live).toBe(true);
    expect(await combo.evaluate((el) => el === document.activeElement)).toBe(true);
    await combo.press("Backspace");
    expect(await chips.allTextContents()).toEqual(["メール"]);
    await combo.press("Escape");
    await expect.poll(() => combo.getAttribute("aria-expanded")).toBe("false");
    // Tab reaches the chip's × button by keyboard.
    await page.getByRole("button", { name: "「メール」を外す" }).focus();
    await page.keyboard.press("Enter");
    expect(await chips.count()).toBe(0);

    await combo.click();
    await combo.pressSequentially("ウェブ");
    await combo.press("Enter");
    await combo.pressSequentially("クラ");
    await combo.press("Enter");
    // "Other" shows its text field once chosen.
    const otherText = page.locator('input[name="利用サービス-Comment"]');
    expect(await otherText.isHidden()).toBe(true);
    await combo.pressSequentially("その他");
    await combo.press("Enter");
    await combo.press("Escape");
    await otherText.fill("社内チャット");
    await expect.poll(() => cloudField.isVisible(), live).toBe(true);
    await page.locator('input[name="クラウド事業者"]').fill("長崎クラウド");
    expect(await select.evaluate((s) => [...(s as HTMLSelectElement).selectedOptions].map((o) => o.value))).toEqual([
      "cloud",
      "web",
      "other",
    ]);
    await expectNoAxeViolations(page);
    await screenshot(page, "surveyjs-tagbox-js");
    // The server refuses the page (部署 is required) and draws it again: the chips come back
    // from the select's saved options, "other" with its text.
    allowConsoleErrors(page, /status of 422/);
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await expect.poll(() => page.locator(".sv-q--invalid").count()).toBe(1);
    await expect.poll(() => chips.allTextContents()).toEqual(["クラウドストレージ", "ウェブ会議", "その他"]);
    expect(await otherText.inputValue()).toBe("社内チャット");
    expect(await otherText.isVisible()).toBe(true);
    await page.locator('input[name="部署"]').fill("総務");
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("回答を受け付けました");
    expect(await stored(id)).toEqual({
      status: "complete",
      answers: {
        利用サービス: ["cloud", "web", "other"],
        "利用サービス-Comment": "社内チャット",
        クラウド事業者: "長崎クラウド",
        部署: "総務",
      },
    });
  });
});

/**
 * The staff survey editor in Chromium at phone size, on a definition imported with every SurveyJS
 * type: each question opens with its own fields (a tag box's choices, a rating's range, a
 * multipletext's items), one it cannot edit says which properties it keeps, saving every question
 * untouched (with JavaScript, and one by the browser's own form post) leaves the exported
 * definition.json byte for byte as imported, and the page has no axe violations.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { enrolTotp, firstRun, type HttpSession } from "./http-session.ts";

const definition = JSON.parse(
  readFileSync(new URL("../fixtures/surveyjs/regional-all-types.json", import.meta.url), "utf8"),
);

describe("the survey editor with every imported type", () => {
  let app: AppServer;
  let session: HttpSession;
  const browser = useBrowser();
  beforeAll(async () => {
    app = await startAppServer({ rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    const account = {
      community: "長崎地域",
      name: "事務局 花子",
      email: "hanako@example.jp",
      password: "editor-e2e-2026",
    };
    session = await firstRun(app.baseUrl, account);
    await enrolTotp(session, account.password);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("opens each type with its own fields, names what it keeps, and saves without changing the JSON", async () => {
    const deps = { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl };
    const { id } = await createSurvey(deps, { kind: "system", name: "editor-e2e" }, { title: "全形式", definition });
    const exported = async () => {
      const response = await session.get(`/surveys/${id}/export/definition.json`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const before = await exported();

    const page = await browser.newPage({ viewport: "phone", javaScript: true });
    await page.context().addCookies(
      session.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: app.baseUrl };
      }),
    );
    await page.goto(`${app.baseUrl}/surveys/${id}/edit`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("設問の編集");

    const question = (name: string) => page.locator(`section[aria-label="${name}"]`);
    await question("利用サービス").locator("summary").click();
    expect(await question("利用サービス").locator('textarea[name="choices"]').inputValue()).toBe(
      "mail | メール\ncloud | クラウド\nvpn | VPN",
    );
    expect(await question("利用サービス").locator('select[name="type"]').inputValue()).toBe("tagbox");
    await question("満足度").locator("summary").click();
    expect(await question("満足度").locator('input[name="rateMax"]').inputValue()).toBe("5");
    await question("連絡先").locator("summary").click();
    expect(await question("連絡先").locator('textarea[name="items"]').count()).toBe(1);
    // A type the page has no fields for: its properties are named and kept.
    await question("機器").locator("summary").click();
    expect(await question("機器").locator(".sv-editor-kept").textContent()).toContain("rows, columns");
    // Questions inside a panel are listed under it.
    expect(await question("担当者数").locator("summary").textContent()).toContain("›");
    await expectNoAxeViolations(page);
    await screenshot(page, "survey-editor-all-types");
    for (const name of ["利用サービス", "機器"])
      await question(name).screenshot({ path: `test-results/survey-editor-${name}.png` });

    // Save every question untouched, as a person would: open it, press 保存.
    const names = await page
      .locator("section.sv-editor-q")
      .evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")!));
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      const details = question(name).locator("details");
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/edit"));
      await question(name).getByRole("button", { name: "保存" }).click();
      expect((await saved).status(), name).toBe(200);
      await page.waitForLoadState("networkidle");
    }
    expect(await page.getByText("設問を保存しました。").count()).toBeGreaterThan(0);
    expect(await exported()).toBe(before);

    // Without JavaScript the form is posted by the browser itself (textareas with CRLF line ends).
    const plain = await browser.newPage({ viewport: "phone", javaScript: false });
    await plain.context().addCookies(
      session.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: app.baseUrl };
      }),
    );
    await plain.goto(`${app.baseUrl}/surveys/${id}/edit`);
    const tagbox = plain.locator('section[aria-label="利用サービス"]');
    await tagbox.locator("summary").click();
    await tagbox.getByRole("button", { name: "保存" }).click();
    await plain.waitForLoadState("load");
    expect(await plain.getByText("設問を保存しました。").count()).toBe(1);
    expect(await exported()).toBe(before);
  });
});

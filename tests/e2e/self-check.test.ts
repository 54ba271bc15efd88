/**
 * IPA's 自社診断 in Chromium (docs/self-check.md): a member company's contact opens their
 * invitation at phone size without JavaScript, answers the 25 items on three pages and sees the
 * server's total, IPA's band and what to do next on the end page (axe there); the score is then
 * on the organisation's record. A public respondent on a desktop, in English, sees the same with
 * JavaScript on; nothing is recorded on any organisation.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrganisationPosture } from "../../core/community/get-organisation-posture.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { fieldName } from "../../core/surveys/answer-form-fields.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { inviteRespondents } from "../../core/surveys/invite-respondents.ts";
import { selfCheckParts } from "../../core/surveys/templates/self-check.ts";
import { secretariatActor } from "../fixtures/actors.ts";
import { insertOrganisation, insertPerson } from "../fixtures/rows.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { noStorage } from "../support/storage.ts";

const system = { kind: "system", name: "self-check-e2e" } as const;

/** Answers one page: each item's answer by its number (1–25). */
async function answerPage(page: Page, part: (typeof selfCheckParts)[number], pick: (no: number) => string) {
  for (const item of part.items) {
    const no = Number(item.code.slice(1));
    // The row's fieldset carries IPA's wording as its legend; its radios are named by the codes.
    const row = page.locator("fieldset.sv-row", { has: page.locator("legend", { hasText: item.text.ja }) });
    await row.locator(`input[name="${fieldName(part.name, item.code)}"][value="${pick(no)}"]`).check();
  }
}

describe("IPA's self-check in the browser", () => {
  let app: AppServer;
  const browser = useBrowser();
  beforeAll(async () => {
    app = await startAppServer({
      rateLimits: false,
      env: {
        CHIIKI_WORKER: "off",
        CHIIKI_ADMIN_EMAIL: "admin@example.jp",
        CHIIKI_ADMIN_PASSWORD: "self-check-e2e-2026",
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });
  const deps = () => ({
    db: app.db(),
    dialect: app.dialect,
    clock: systemClock,
    baseUrl: app.baseUrl,
    storage: noStorage,
  });

  it("answers the invitation on a phone without JavaScript, sees the band and advice, and the score is on the organisation", async () => {
    const organisation = await insertOrganisation(app.db(), {
      name: "出島製作所",
      membership: "member",
      size_band: "21-50",
    });
    await insertPerson(app.db(), {
      family_name: "出島",
      given_name: "花子",
      organisation_id: organisation,
      email: "hanako@dejima.example.jp",
    });
    const { id } = await createSurvey(deps(), system, {
      title: "情報セキュリティ自社診断",
      template: "ipa-self-check",
      access: "invitation",
    });
    await inviteRespondents(deps(), system, id, { organisationIds: [organisation] });
    const mail = await app.latestMailTo("hanako@dejima.example.jp");
    const link = /https?:\/\/\S+\?i=[\w-]+/.exec(mail)![0];

    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    await page.goto(link);
    await expect.poll(() => page.locator(".sv-note").last().textContent()).toContain("貴社の名簿の記録に残ります");
    // Part 1 all done (20), Part 2 partly (26), Part 3: 19–22 done, 23 not done, 24–25 don't know (14).
    const pick = (no: number) =>
      no <= 5 ? "done" : no <= 18 ? "partly" : no <= 22 ? "done" : no === 23 ? "not-done" : "unknown";
    for (const [index, part] of selfCheckParts.entries()) {
      expect(await page.locator(".sv-progress").textContent()).toContain(`${index + 1} / 3`);
      await answerPage(page, part, pick);
      await page.getByRole("button", { name: index === 2 ? "回答を送信する" : "次へ" }).click();
      await page.waitForLoadState("load");
    }
    const result = page.locator(".sv-result");
    expect(new URL(page.url()).searchParams.has("result")).toBe(true);
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.locator(".sv-result__score").textContent()).toBe("合計 60点（100点満点）");
    const text = (await result.textContent()) ?? "";
    expect(text).toContain("50〜69点：対策が不十分です");
    expect(text).toContain("次の対策：点数の低い項目から改善しましょう");
    expect(text).toContain("Part 1 の基本的対策");
    expect(text).toContain("「わからない」と答えた項目が2件あります");
    expect(text).toContain("Part 3 組織としての対策：14 / 28点");
    await expectNoAxeViolations(page);
    await screenshot(page, "self-check-result-phone");

    const posture = await getOrganisationPosture(deps(), secretariatActor(), organisation);
    expect(posture.selfCheck).toMatchObject({ total: 60, band: "mid", surveyId: id });
  });

  it("shows a public respondent in English their band and advice, with JavaScript on, and records nothing", async () => {
    const { id } = await createSurvey(deps(), system, { title: "Self-check", template: "ipa-self-check" });
    const page = await browser.newPage({ viewport: "desktop", javaScript: true });
    await page.context().addCookies([{ name: "chiiki_lang", value: "en", url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}/s/${id}`);
    for (const [index, part] of selfCheckParts.entries()) {
      for (const item of part.items) {
        const row = page.locator("fieldset.sv-row", { has: page.locator("legend", { hasText: item.text.en }) });
        await row.locator(`input[name="${fieldName(part.name, item.code)}"][value="done"]`).check();
      }
      await page.getByRole("button", { name: index === 2 ? "Submit" : "Next" }).click();
      await page.waitForLoadState("load");
    }
    const result = page.locator(".sv-result");
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.locator(".sv-result__score").textContent()).toBe("Total 100 out of 100");
    expect(await result.textContent()).toContain("100: the entry-level security measures are in place");
    expect(await result.textContent()).toContain("Next: strengthen them further");
    await expectNoAxeViolations(page);
    const rows = await app
      .db()
      .selectFrom("organisation_posture")
      .select("survey_id")
      .where("survey_id", "=", id)
      .execute();
    expect(rows).toEqual([]);
  });
});

/**
 * End to end in Chromium (issue 6): a speaker consents through the mailed link; a member then
 * sees the slides and downloads them, an outsider does not see them; the secretariat's download
 * log shows the member's download. Pages are checked with axe at phone size, without script for
 * the speaker (a mailed link may open anywhere).
 */
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { allowConsoleErrors, expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, linkIn } from "../support/server.ts";
import { approveMailing, submitMailing } from "../../core/mailings/approve-mailing.ts";
import { dispatchDueMailings } from "../../core/mailings/dispatch-due-mailings.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { type SharingE2eWorld, useSharingWorldServer } from "./sharing-world.ts";
import { localStorageOf } from "../support/storage.ts";

const SLIDES = "長崎県内のサイバーセキュリティについて";

describe("a speaker's consent opens the slides to members", () => {
  let app: AppServer;
  let w: SharingE2eWorld;
  const browser = useBrowser();

  useSharingWorldServer((opened) => ({ app, w } = opened));

  async function signedIn(cookie: string, viewport: "phone" | "desktop" = "phone"): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport });
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
    return context;
  }

  it("the speaker chooses members, with download, through the link in the mail", async () => {
    const mail = await app.latestMailTo(w.world.actors.speaker.email, { matching: /\/materials\/consent\// });
    const link = linkIn(mail, `${app.baseUrl}/materials/consent/`);
    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    await page.goto(link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("講演資料の公開範囲のご確認");
    expect(await page.textContent("main")).toContain(SLIDES);
    await expectNoAxeViolations(page);
    await screenshot(page, "sharing-01-consent-form");
    await page.getByLabel("会員・協定機関").check();
    await page.getByLabel("ダウンロードを許可する（チェックしない場合は閲覧のみ）").check();
    await page.getByRole("button", { name: "この内容で同意する" }).click();
    await page.waitForSelector(".notice--success");
    expect(await page.textContent(".notice--success")).toContain("ご回答を記録しました");
    // The speaker sees what they granted: the right, the medium, the audience, the download.
    const granted = await page.locator("dl.facts").textContent();
    for (const text of ["著作権（資料・講演の内容）", "スライド・資料", "会員・協定機関", "許可する"])
      expect(granted).toContain(text);
    await screenshot(page, "sharing-02-consent-recorded");
    const consent = await app
      .db()
      .selectFrom("material_consents")
      .selectAll()
      .where("material_id", "=", w.ids.pendingSlides)
      .execute();
    expect(consent).toMatchObject([
      { scope: "members", rights: '["copyright"]', media: '["slides"]', download_allowed: 1, withdrawn_at: null },
    ]);
  });

  it("a member sees and downloads the slides; an outsider does not see them", async () => {
    const member = await browser.newPage({ context: await signedIn(w.cookies.member!) });
    await member.goto(`${app.baseUrl}/materials`);
    await member.getByRole("link", { name: SLIDES }).click();
    await member.waitForURL(`**/materials/${w.ids.pendingSlides}`);
    await expectNoAxeViolations(member);
    await screenshot(member, "sharing-03-member-sees-slides");
    const [download] = await Promise.all([
      member.waitForEvent("download"),
      member.getByRole("link", { name: "ダウンロード" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("talk1.pdf");

    const outsider = await browser.newPage({ context: await signedIn(w.outsiderCookie) });
    allowConsoleErrors(outsider, /status of 404/);
    await outsider.goto(`${app.baseUrl}/materials`);
    expect(await outsider.textContent("main")).not.toContain(SLIDES);
    const direct = await outsider.goto(`${app.baseUrl}/materials/${w.ids.pendingSlides}`);
    expect(direct?.status()).toBe(404);
    const file = await outsider.request.get(`${app.baseUrl}/materials/${w.ids.pendingSlides}/file`);
    expect(file.status()).toBe(404);
    await screenshot(outsider, "sharing-04-outsider-refused");
  });

  it("the secretariat's download log shows the member's download", async () => {
    const office = await browser.newPage({ context: await signedIn(w.cookies.secretariat!, "desktop") });
    await office.goto(`${app.baseUrl}/materials/downloads`);
    const rows = await office.locator("tbody tr").allTextContents();
    expect(
      rows.some(
        (r) =>
          r.includes(w.world.actors.memberA.name) &&
          r.includes(SLIDES) &&
          r.includes("ダウンロード") &&
          r.includes("長崎県情報産業協会"),
      ),
    ).toBe(true);
    expect(rows.some((r) => r.includes(w.world.actors.outsider.name))).toBe(false);
    await expectNoAxeViolations(office);
    await screenshot(office, "sharing-05-download-log");
  });

  it("the speaker withdraws through the same link: the member loses the slides at once, and it is logged", async () => {
    const mail = await app.latestMailTo(w.world.actors.speaker.email, { matching: /\/materials\/consent\// });
    const speaker = await browser.newPage({ viewport: "phone", javaScript: false });
    await speaker.goto(linkIn(mail, `${app.baseUrl}/materials/consent/`));
    await speaker.getByRole("button", { name: "同意を取り消す" }).click();
    await speaker.waitForSelector(".notice--success");
    expect(await speaker.textContent("main")).toContain("同意は取り消されています");
    await expectNoAxeViolations(speaker);
    await screenshot(speaker, "sharing-05b-consent-withdrawn");
    const member = await browser.newPage({ context: await signedIn(w.cookies.member!) });
    allowConsoleErrors(member, /status of 404/);
    await member.goto(`${app.baseUrl}/materials`);
    expect(await member.textContent("main")).not.toContain(SLIDES);
    expect((await member.request.get(`${app.baseUrl}/materials/${w.ids.pendingSlides}/file`)).status()).toBe(404);
    const logged = await app
      .db()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", w.ids.pendingSlides)
      .where("action", "=", "material.consent-withdraw")
      .execute();
    expect(logged).toHaveLength(1);
  });

  it("the same link works through the API: the request, a consent by right and audience, and its withdrawal", async () => {
    const mail = await app.latestMailTo(w.world.actors.speaker.email, { matching: /\/materials\/consent\// });
    const token = linkIn(mail, `${app.baseUrl}/materials/consent/`).split("/").at(-1)!;
    const api = (method: string, body?: object) =>
      fetch(`${app.baseUrl}/api/v1/materials/consent/${token}`, {
        method,
        headers: { Origin: app.baseUrl, "Content-Type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const request = await (await api("GET")).json();
    expect(request).toMatchObject({ medium: "slides", rightsNeeded: ["copyright"] });
    // Without the right the slides need, or with an unknown scope, nothing is recorded.
    expect((await api("PUT", { scope: "everyone", rights: ["copyright"], downloadAllowed: false })).status).toBe(422);
    expect((await api("PUT", { scope: "members", rights: ["copyright"], downloadAllowed: false })).status).toBe(200);
    const member = await fetch(`${app.baseUrl}/materials/${w.ids.pendingSlides}`, {
      headers: { Cookie: w.cookies.member! },
    });
    expect(member.status).toBe(200);
    expect((await api("DELETE")).status).toBe(200);
    const after = await fetch(`${app.baseUrl}/materials/${w.ids.pendingSlides}`, {
      headers: { Cookie: w.cookies.member! },
    });
    expect(after.status).toBe(404);
  });

  it("shows the public information page and a post with its TLP at phone size", async () => {
    const page = await browser.newPage({ viewport: "phone" });
    await page.goto(`${app.baseUrl}/posts`);
    expect(await page.textContent("main")).toContain(w.titles.clear);
    expect(await page.textContent("main")).not.toContain(w.titles.green);
    await expectNoAxeViolations(page);
    await screenshot(page, "sharing-06-public-posts");
    const member = await browser.newPage({ context: await signedIn(w.cookies.member!) });
    await member.goto(`${app.baseUrl}/posts/${w.ids.amber}`);
    await expectNoAxeViolations(member);
    await screenshot(member, "sharing-07-amber-post");
  });

  it("the secretariat previews a mailing per recipient, then watches its progress", async () => {
    const office = await browser.newPage({ context: await signedIn(w.cookies.secretariat!, "desktop") });
    await office.goto(`${app.baseUrl}/mailings/${w.ids.mailing}?r=1`);
    expect(await office.textContent(".mailing-preview")).toMatch(/様/);
    await expectNoAxeViolations(office);
    await screenshot(office, "sharing-08-mailing-preview");
    const deps = {
      db: w.services.database.db,
      clock: systemClock,
      storage: localStorageOf(app.dataDir),
      baseUrl: app.baseUrl,
      secret: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    };
    await submitMailing(deps, w.world.actors.secretariat, w.ids.mailing);
    await approveMailing(deps, w.world.actors.secretariat2, w.ids.mailing);
    await dispatchDueMailings(deps);
    await office.goto(`${app.baseUrl}/mailings/${w.ids.mailing}`);
    expect(await office.textContent("[role=status]")).toContain("全 3件");
    expect(await office.locator('meta[http-equiv="refresh"]').count()).toBe(1);
    await screenshot(office, "sharing-09-mailing-progress");
    await office.getByRole("link", { name: "自動更新を止める" }).click();
    await office.waitForURL("**/mailings/*?refresh=off");
    expect(await office.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await expectNoAxeViolations(office);
  });
});

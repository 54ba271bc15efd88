/**
 * View-only material end to end in Chromium (issue 13, item 12): a member opens slides the
 * speaker allowed to be viewed but not downloaded, and sees each page as an image stamped for
 * them — on a phone, without script — while the file itself is refused (403 with a message) with
 * or without `?inline=1`. Page images are never cached; each viewing is in the download log; a
 * recording is streamed inline and never offered as an attachment.
 */
import type { BrowserContext } from "playwright-core";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import type { AppServer } from "../support/server.ts";
import { type SharingE2eWorld, useSharingWorldServer } from "./sharing-world.ts";

const TITLE = "会員限定の資料（閲覧のみ）";

describe("view-only material is seen as stamped page images, never handed out", () => {
  let app: AppServer;
  let w: SharingE2eWorld;
  const browser = useBrowser();

  useSharingWorldServer((opened) => ({ app, w } = opened));

  async function signedIn(cookie: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: "phone", javaScript: false });
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
    return context;
  }

  it("a member opens the pages on a phone without script and sees each page as an image", async () => {
    // A page of its own (not of a context made here): axe then knows it runs without script.
    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    const [name, ...value] = w.cookies.member!.split("=");
    await page.context().addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}/materials/${w.ids.memberSlides}`);
    expect(await page.textContent("main")).toContain("閲覧のみ（ダウンロード不可）");
    expect(await page.getByRole("link", { name: "ダウンロード" }).count()).toBe(0);
    const pageImage = page.waitForResponse((r) => r.url().endsWith(`/materials/${w.ids.memberSlides}/pages/1`));
    await page.getByRole("link", { name: "資料を見る" }).click();
    await page.waitForURL(`**/materials/${w.ids.memberSlides}/pages`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
    const image = page.getByRole("img", { name: "1ページ中1ページ目" });
    await image.waitFor();
    // The browser loaded the stamped picture of the page, 1200 pixels wide.
    const png = PNG.sync.read(Buffer.from(await (await pageImage).body()));
    expect(png.width).toBe(1200);
    // It fits the phone's width.
    expect((await image.boundingBox())!.width).toBeLessThanOrEqual(375);
    expect(await page.locator("a[download], iframe, object, embed").count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, "materials-view-only-pages");
  });

  it("the file route refuses the member with 403 and a message, with and without ?inline=1", async () => {
    const context = await signedIn(w.cookies.member!);
    for (const suffix of ["", "?inline=1"]) {
      const response = await context.request.get(`${app.baseUrl}/materials/${w.ids.memberSlides}/file${suffix}`);
      expect(response.status(), suffix).toBe(403);
      expect(response.headers()["content-type"]).toContain("text/plain");
      expect(response.headers()["content-disposition"]).toBeUndefined();
      expect(await response.text()).toContain("この資料は閲覧のみです");
    }
  });

  it("sends page images as private, never stored, and logs the viewing like a download", async () => {
    const context = await signedIn(w.cookies.member!);
    const response = await context.request.get(`${app.baseUrl}/materials/${w.ids.memberSlides}/pages/1`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(response.headers()["cache-control"]).toBe("private, no-store");
    expect(response.headers()["content-disposition"]).toBeUndefined();
    const log = await app
      .db()
      .selectFrom("sharing_downloads")
      .selectAll()
      .where("subject_id", "=", w.ids.memberSlides)
      .where("user_id", "=", w.world.actors.memberA.userId)
      .execute();
    expect(log.length).toBeGreaterThanOrEqual(1);
    expect(log.every((row) => row.mode === "view")).toBe(true);
    expect(log[0]!.actor_label).toBe(`長崎 太郎 <${w.world.actors.memberA.email}>`);
  });

  it("streams a recording inline to the player and never as an attachment", async () => {
    const context = await signedIn(w.cookies.member!);
    for (const suffix of ["", "?inline=1", "?download=1"]) {
      const response = await context.request.get(`${app.baseUrl}/materials/${w.ids.video}/file${suffix}`, {
        headers: { Range: "bytes=0-99" },
      });
      expect(response.status()).toBe(206);
      expect(response.headers()["content-disposition"]).toMatch(/^inline;/);
    }
  });
});

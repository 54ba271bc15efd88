/**
 * The secretariat's everyday pages in Chromium: the home page per role and the grouped menu
 * (one row at 1280 px, a menu on a phone, usable without JavaScript and by keyboard), with axe
 * on each and screenshots at 390×844 and 1280×800.
 */
import { describe, expect, it } from "vitest";
import { createEvent } from "../../core/events/create-event.ts";
import { registerAttendee } from "../../core/events/register-attendee.ts";
import { seminarInput } from "../fixtures/events.ts";
import { anonymous } from "../../core/accounts/actor.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import type { AppServer } from "../support/server.ts";
import { type RoleName, type SharingE2eWorld, useSharingWorldServer } from "./sharing-world.ts";

describe("everyday pages", () => {
  let app: AppServer;
  let w: SharingE2eWorld;
  useSharingWorldServer((opened) => ({ app, w } = opened));
  const browser = useBrowser();

  const pageAs = async (role: RoleName, viewport: "phone" | "desktop", javaScript = true) => {
    const page = await browser.newPage({ viewport, javaScript });
    if (viewport === "phone") await page.setViewportSize({ width: 390, height: 844 });
    const cookie = w.cookies[role];
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await page.context().addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
    }
    return page;
  };

  it("each role's home page says what is for them, on a phone and a desktop, without axe violations", async () => {
    const deps = { db: app.db(), clock: systemClock, baseUrl: app.baseUrl, secret: "x".repeat(40) };
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const event = await createEvent(
      deps,
      w.world.actors.secretariat,
      seminarInput({
        title: "来月の公開セミナー",
        startsAt: day(30),
        endsAt: day(30.1),
        sessions: [],
        seatTypes: [{ key: "venue", label: "会場", capacity: 1, waitlist: true }],
      }),
    );
    await registerAttendee(deps, w.world.actors.memberA, event.id, {
      name: "会員 一郎",
      email: w.world.actors.memberA.email,
      seatType: "venue",
    });
    await registerAttendee(deps, anonymous, event.id, {
      name: "補欠 二郎",
      email: "two@example.jp",
      seatType: "venue",
    });

    const expected: Record<"secretariat" | "member" | "anonymous", string[]> = {
      secretariat: [
        "これからのセミナー（席と補欠）",
        "承認待ちの周知メール",
        "講演者の同意待ちの資料",
        "事業実施報告書",
      ],
      member: [
        "申込受付中のセミナー",
        "わたしの申込とチケット",
        "わたし宛ての新しい情報（30日以内）",
        "未回答のアンケート",
      ],
      anonymous: ["これからの公開セミナー", "公開の注意喚起（TLP:CLEAR）"],
    };
    for (const role of ["secretariat", "member", "anonymous"] as const) {
      for (const viewport of ["phone", "desktop"] as const) {
        const page = await pageAs(role, viewport);
        await page.goto(`${app.baseUrl}/`);
        for (const heading of expected[role]) {
          await expect(page.getByRole("heading", { level: 2, name: heading }).first().isVisible()).resolves.toBe(true);
        }
        await expect(page.getByRole("link", { name: "来月の公開セミナー" }).first().isVisible()).resolves.toBe(true);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await expectNoAxeViolations(page);
        await screenshot(page, `home-${role}-${viewport}`);
        await page.context().close();
      }
    }
    const secretariatPage = await pageAs("secretariat", "desktop");
    await secretariatPage.goto(`${app.baseUrl}/`);
    const seats = await secretariatPage.locator("#home-events ~ ul").textContent();
    expect(seats).toContain("会場: 1/1席");
    expect(seats).toContain("補欠1名");
    await secretariatPage.context().close();
  });

  it("the secretariat's menu is one row at 1280 px, opens by keyboard, and is a menu on a phone without JavaScript", async () => {
    const desktop = await pageAs("secretariat", "desktop");
    await desktop.goto(`${app.baseUrl}/mailings`);
    const tops = await desktop
      .locator(".menu__list > li")
      .evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    const header = await desktop.locator(".site-header").boundingBox();
    expect(header!.height).toBeLessThan(90);
    // 周知 holds the page shown; Enter on its summary opens it, Tab reaches its first link.
    const mailings = desktop.locator(".menu__group > summary", { hasText: "周知" });
    await expect(mailings.locator("..").getAttribute("class")).resolves.toContain("is-current");
    await mailings.focus();
    await desktop.keyboard.press("Enter");
    await desktop.keyboard.press("Tab");
    await expect(desktop.evaluate(() => document.activeElement?.textContent)).resolves.toBe("周知メール");
    await screenshot(desktop, "menu-secretariat-desktop-open");
    await expectNoAxeViolations(desktop);
    await desktop.keyboard.press("Escape");
    await expect(mailings.locator("..").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await desktop.context().close();

    const phone = await pageAs("secretariat", "phone", false);
    await phone.goto(`${app.baseUrl}/`);
    await expect(phone.getByRole("link", { name: "招待" }).isVisible()).resolves.toBe(false);
    await phone.locator(".menu > summary").click();
    await phone.locator(".menu__group > summary", { hasText: "管理" }).click();
    await screenshot(phone, "menu-secretariat-phone-open");
    await expectNoAxeViolations(phone);
    await phone.getByRole("link", { name: "招待" }).click();
    await phone.waitForURL((url) => url.pathname === "/secretariat/invitations");
    await phone.context().close();
  });

  it("the invitation, account and mailing pages read well on a phone and a desktop, without axe violations", async () => {
    for (const viewport of ["phone", "desktop"] as const) {
      const page = await pageAs("secretariat", viewport);
      for (const [path, name] of [
        ["/secretariat/invitations?q=%E9%95%B7%E5%B4%8E", "invitations"],
        ["/account", "account"],
        [`/mailings/${w.ids.mailing}`, "mailing"],
      ] as const) {
        await page.goto(`${app.baseUrl}${path}`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        await expectNoAxeViolations(page);
        await screenshot(page, `${name}-${viewport}`);
      }
      // The scope is picked by name: the search step narrowed the organisations to 長崎….
      await page.goto(`${app.baseUrl}/secretariat/invitations?q=%E9%95%B7%E5%B4%8E`);
      const options = await page.locator('select[name="scopeId"] option').allTextContents();
      expect(options).toContain("長崎県情報産業協会");
      expect(options).not.toContain("トレンドマイクロ株式会社");
      await page.context().close();
    }
  });
});

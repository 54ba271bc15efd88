/**
 * Issue 16 item 4 against the built app: a registrant without an account asks for deletion on
 * the public page (phone, without JavaScript), reads the mailed link, sees what is held and
 * erases it; the registration stays counted but no longer names them. The secretariat's API
 * exports and erases a registry person.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { newId } from "../../db/ids.ts";
import { allowConsoleErrors, expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { type AppServer, linkIn, startAppServer } from "../support/server.ts";
import { type SharingE2eWorld, useSharingWorldServer } from "./sharing-world.ts";
import { api } from "../support/json-api.ts";

const EVENT = "地域情報セキュリティセミナー";
const REGISTRANT = { name: "佐々木 次郎", email: "sasaki@example.jp" };

describe("personal data requests", () => {
  let app: AppServer;
  let token: string;
  let eventId: string;
  const browser = useBrowser();

  beforeAll(async () => {
    app = await startAppServer({ env: { CHIIKI_WORKER: "off" } });
    // Installed (the first-run page is another test's journey): the public pages then answer.
    await app
      .db()
      .insertInto("app_settings")
      .values({ key: "installed_at", value: new Date().toISOString() })
      .execute();
    ({ token } = await createApiToken(
      { db: app.db(), clock: systemClock },
      { kind: "system", name: "privacy-e2e" },
      { name: "privacy e2e", role: "secretariat" },
    ));
    const created = await api(app.baseUrl, "/api/v1/events", {
      token,
      body: {
        title: EVENT,
        startsAt: "2099-01-27T15:00:00+09:00",
        endsAt: "2099-01-27T17:00:00+09:00",
        audience: "public",
        seatTypes: [{ key: "venue", label: "会場", capacity: 30, waitlist: true }],
      },
    });
    expect(created.status).toBe(201);
    eventId = created.body.id;
    const registered = await api(app.baseUrl, `/api/v1/events/${eventId}/registrations`, {
      body: { ...REGISTRANT, seatType: "venue", organisation: "長崎工業会" },
    });
    expect(registered.status).toBe(201);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("a registrant erases their registration through the mailed link, on a phone without JavaScript", async () => {
    const page = await browser.newPage({ viewport: "phone", javaScript: false });
    await page.goto(`${app.baseUrl}/privacy`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("個人情報の削除のお申し込み");
    await expectNoAxeViolations(page);
    await page.getByLabel("メールアドレス").fill(REGISTRANT.email);
    await page.getByRole("button", { name: "リンクを送る" }).click();
    await page.waitForSelector(".notice--success");
    const answer = await page.textContent(".notice--success");
    await screenshot(page, "privacy-01-link-sent");

    // An unknown address gets the same answer and no mail.
    const stranger = await browser.newPage({ viewport: "phone", javaScript: false });
    await stranger.goto(`${app.baseUrl}/privacy`);
    await stranger.getByLabel("メールアドレス").fill("nobody@example.jp");
    await stranger.getByRole("button", { name: "リンクを送る" }).click();
    await stranger.waitForSelector(".notice--success");
    expect(await stranger.textContent(".notice--success")).toBe(answer);

    const mail = await app.latestMailTo(REGISTRANT.email, { matching: /\/privacy\/erase\// });
    const link = linkIn(mail, `${app.baseUrl}/privacy/erase/`);
    await page.goto(link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("お預かりしている情報");
    const summary = await page.textContent("main");
    expect(summary).toContain(REGISTRANT.email);
    expect(summary).toContain(REGISTRANT.name);
    expect(summary).toContain(EVENT);
    await expectNoAxeViolations(page);
    await screenshot(page, "privacy-02-what-is-held");
    await page.getByRole("button", { name: "削除する" }).click();
    await page.waitForSelector(".notice--success");
    expect(await page.textContent(".notice--success")).toContain("削除しました");
    await expectNoAxeViolations(page);
    await screenshot(page, "privacy-03-erased");

    const rows = await app
      .db()
      .selectFrom("registrations")
      .select(["name", "email", "status"])
      .where("event_id", "=", eventId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toMatch(/^削除済み \(#[0-9a-f]{6}\)$/);
    expect(rows[0]!.email).toMatch(/^erased-[0-9a-f]{12}@invalid$/);
    expect(rows[0]!.status).toBe("confirmed");
    const mails = await app
      .db()
      .selectFrom("outbox_messages")
      .select("id")
      .where("to_address", "=", REGISTRANT.email)
      .execute();
    expect(mails).toEqual([]);

    // The link was for one use.
    const again = await fetch(link);
    expect(again.status).toBe(410);
  });

  it("the secretariat's API exports a person and erases them with the export's reference", async () => {
    const now = new Date().toISOString();
    const personId = newId();
    await app
      .db()
      .insertInto("people")
      .values({
        id: personId,
        organisation_id: null,
        family_name: "高橋",
        given_name: "三郎",
        family_reading: "たかはし",
        given_reading: "さぶろう",
        department: null,
        title: null,
        email: "takahashi@example.jp",
        phone: null,
        mail_opt_in: 1,
        user_id: null,
        notes: null,
        search_text: "高橋三郎",
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await api(app.baseUrl, `/api/v1/people/${personId}/export`)).status).toBe(401);
    const exported = await api(app.baseUrl, `/api/v1/people/${personId}/export`, { token });
    expect(exported.status).toBe(200);
    expect(exported.body.person[0]).toMatchObject({ familyName: "高橋", email: "takahashi@example.jp" });
    const refused = await api(app.baseUrl, `/api/v1/people/${personId}/erase`, { token, body: { confirm: "#000000" } });
    expect(refused.status).toBe(422);
    const erased = await api(app.baseUrl, `/api/v1/people/${personId}/erase`, {
      token,
      body: { confirm: exported.body.ref },
    });
    expect(erased).toMatchObject({ status: 200, body: { ref: exported.body.ref, counts: { people: 1 } } });
    expect((await api(app.baseUrl, `/api/v1/people/${personId}/export`, { token })).status).toBe(404);
  });
});

describe("the secretariat's privacy page", () => {
  let app: AppServer;
  let w: SharingE2eWorld;
  const browser = useBrowser();

  useSharingWorldServer((opened) => ({ app, w } = opened));

  it("finds a person, exports them and erases them only once the named box is ticked", async () => {
    const context = await browser.newContext({ viewport: "desktop" });
    const [name, ...value] = w.cookies.secretariat!.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
    const page = await browser.newPage({ context });
    await page.goto(`${app.baseUrl}/secretariat/privacy`);
    await page.getByLabel("人物を探す（氏名・メールアドレス）").fill("不要");
    await page.getByRole("button", { name: "検索" }).click();
    await page.getByRole("link", { name: "不要 五郎" }).click();
    await page.waitForSelector("#person-privacy-title");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("不要 五郎 の個人情報");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "閲覧用ページ（印刷してPDFに保存できます）" }).click();
    await page.waitForSelector("#export-title");
    expect(await page.textContent("main")).toContain("goro@nisa-member.example");
    await expectNoAxeViolations(page);
    await screenshot(page, "privacy-04-disclosure-page");
    await page.goBack();

    allowConsoleErrors(page, /status of 422/);
    await page.getByRole("button", { name: "消去する" }).click();
    await page.waitForSelector(".field__error");
    expect(await page.textContent(".field__error")).toMatch(/#[0-9a-f]{6} のチェックボックスをオンにしてください/);
    expect(
      await app.db().selectFrom("people").select("id").where("id", "=", w.world.people.optedOut).execute(),
    ).toHaveLength(1);
    await page.getByLabel(/の個人情報を消去することを確認しました/).check();
    await page.getByRole("button", { name: "消去する" }).click();
    await page.waitForSelector(".notice--success");
    expect(await page.textContent(".notice--success")).toMatch(/消去しました（#[0-9a-f]{6}）/);
    expect(
      await app.db().selectFrom("people").select("id").where("id", "=", w.world.people.optedOut).execute(),
    ).toEqual([]);

    const log = await page.textContent("table");
    expect(log).toContain("消去（事務局）");
    expect(log).toContain("開示（書き出し）");
    expect(log).not.toContain("不要");
    await expectNoAxeViolations(page);
    await screenshot(page, "privacy-05-log-of-requests");
  });
});

/**
 * Issue 4, "How it is checked", against the built app as child processes.
 *
 * Load: ≥ 500 simultaneous registrations for 30 + 50 seats give exactly 80 confirmed and the rest
 * waitlisted in arrival order, no 5xx — on SQLite (one process) and on PostgreSQL with two app
 * processes sharing the database.
 */
import ICAL from "ical.js";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import {
  allowConsoleErrors,
  expectNoAxeViolations,
  screenshot,
  setUpSecretariat,
  useBrowser,
} from "../support/browser.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, linkIn, startAppServer, useAppServer } from "../support/server.ts";
import { api } from "../support/json-api.ts";

const REGISTRATIONS = 520;

async function secretariatToken(app: AppServer): Promise<string> {
  const { token } = await createApiToken(
    { db: app.db(), clock: systemClock },
    { kind: "system", name: "events-e2e" },
    { name: "events e2e", role: "secretariat" },
  );
  return token;
}

describe.each(testDatabases)("registration under load on %s", (kind) => {
  const servers: AppServer[] = [];
  beforeAll(async () => {
    servers.push(await startAppServer({ database: kind, rateLimits: false, env: { CHIIKI_WORKER: "off" } }));
    if (kind === "postgres")
      servers.push(
        await startAppServer({
          databaseUrl: servers[0]!.databaseUrl,
          rateLimits: false,
          env: { CHIIKI_WORKER: "off" },
        }),
      );
  });
  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop();
  });

  it(`${REGISTRATIONS} simultaneous registrations for 30 + 50 seats: exactly 80 confirmed, the rest waitlisted in arrival order`, async () => {
    const [first] = servers;
    const token = await secretariatToken(first!);
    const created = await api(first!.baseUrl, "/api/v1/events", {
      token,
      body: {
        title: "地域情報セキュリティセミナー",
        startsAt: "2099-01-27T15:00:00+09:00",
        endsAt: "2099-01-27T17:00:00+09:00",
        audience: "public",
        seatTypes: [
          { key: "venue", label: "会場", capacity: 30, waitlist: true },
          { key: "online", label: "オンライン", capacity: 50, waitlist: true },
        ],
      },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;

    const results = await Promise.all(
      Array.from({ length: REGISTRATIONS }, (_, i) =>
        api(servers[i % servers.length]!.baseUrl, `/api/v1/events/${eventId}/registrations`, {
          body: {
            name: `参加者 ${i}`,
            email: `load${i}@example.jp`,
            seatType: i % 2 ? "online" : "venue",
            organisation: "長崎工業会",
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 201)).toBe(true);

    for (const [key, capacity] of [
      ["venue", 30],
      ["online", 50],
    ] as const) {
      const mine = results.map((r) => r.body).filter((b) => b.seatType === key);
      expect(mine.filter((b) => b.status === "confirmed")).toHaveLength(capacity);
      const positions = mine
        .filter((b) => b.status === "waitlisted")
        .map((b) => b.waitlistPosition as number)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: REGISTRATIONS / 2 - capacity }, (_, i) => i + 1));
    }

    // In registration order, each seat type's first `capacity` are the confirmed, then the
    // waitlist follows in the same order, numbered as each registrant was told.
    const listed = [];
    for (let offset = 0; offset < REGISTRATIONS; offset += 200) {
      const page = await api(first!.baseUrl, `/api/v1/events/${eventId}/registrations?limit=200&offset=${offset}`, {
        token,
      });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(REGISTRATIONS);
      listed.push(...page.body.items);
    }
    const told = new Map(results.map((r) => [r.body.id, r.body.waitlistPosition ?? null]));
    for (const [key, capacity] of [
      ["venue", 30],
      ["online", 50],
    ] as const) {
      const inOrder = listed.filter((r) => r.seatType === key);
      expect(inOrder.slice(0, capacity).every((r) => r.status === "confirmed")).toBe(true);
      expect(inOrder.slice(capacity).every((r) => r.status === "waitlisted")).toBe(true);
      expect(inOrder.slice(capacity).map((r) => r.waitlistPosition)).toEqual(
        inOrder.slice(capacity).map((_, i) => i + 1),
      );
      expect(inOrder.slice(capacity).map((r) => told.get(r.id))).toEqual(inOrder.slice(capacity).map((_, i) => i + 1));
    }
    expect(listed.map((r) => r.arrival)).toEqual(listed.map((_, i) => i + 1));

    // The same e-mail again is a 409 with a message naming the field.
    const again = await api(servers.at(-1)!.baseUrl, `/api/v1/events/${eventId}/registrations`, {
      body: { name: "再送", email: "LOAD7@example.jp", seatType: "venue" },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: "already-registered",
      errors: [{ field: "email", code: "events-already-registered" }],
    });
    expect(again.body.errors[0].message).toContain("既にお申し込み");

    // The online tool's report through the API: a Webex export (UTF-16LE, tabs) previewed, then committed.
    const online = listed.filter((r) => r.seatType === "online" && r.status === "confirmed").slice(0, 3);
    const tsv = [
      "Name\tAttendee Email\tJoin Time\tLeave Time\tAttendance Duration",
      ...online.map((r) => `${r.name}\t${r.email}\t="2099-01-27 15:00:00"\t="2099-01-27 16:00:00"\t60 mins`),
      "知らない人\tstranger@example.jp\t\t\t45 mins",
    ].join("\r\n");
    const form = new FormData();
    form.set("file", new Blob([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]), "attendees.csv");
    form.set("minimumMinutes", "30");
    const previewed = await fetch(`${first!.baseUrl}/api/v1/events/${eventId}/attendance/preview`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    expect(previewed.status).toBe(200);
    const preview = await previewed.json();
    expect(preview).toMatchObject({ format: "webex", counts: { matched: 3, unmatched: 1 } });
    const refused = await api(servers.at(-1)!.baseUrl, `/api/v1/events/${eventId}/attendance`, {
      token,
      body: {
        ...preview,
        rows: preview.rows.map((r: object, i: number) => ({ ...r, decision: i === 1 ? "r:nobody" : "skip" })),
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toMatchObject([
      { field: "rows.1.decision", code: "events-attendance-unknown-registration" },
    ]);
    const committed = await api(servers.at(-1)!.baseUrl, `/api/v1/events/${eventId}/attendance`, {
      token,
      body: preview,
    });
    expect(committed).toMatchObject({ status: 200, body: { marked: 3, walkIns: 0, skipped: 1 } });
  });
});

/**
 * The journey at phone size, registrants with JavaScript on and off: the secretariat creates the
 * seminar in the editor → a registrant registers (no account) → mail with .ics in the outbox
 * (parsed by ical.js) → ticket page QR (decoded by jsQR from a screenshot) → staff check-in
 * refuses a second scan → another registrant cancels by their link → the waitlisted person is
 * promoted and mailed.
 */
describe.each(testDatabases)("a seminar's day at phone size on %s", (database) => {
  const app = useAppServer({ database, rateLimits: false });
  const browser = useBrowser();
  const admin = {
    community: "長崎地域SECURITY",
    name: "長崎 花子",
    email: "office@nisa.example.jp",
    password: "出島の夜景は百万ドル 2021",
  };
  const state: { admin?: Page } = {};
  const shot = (page: Page, name: string) => screenshot(page, `events-${database}-${name}`);

  it("the secretariat sets up (first run, TOTP) and opens seminar management", async () => {
    const page = (state.admin = await browser.newPage({ viewport: "phone" }));
    await setUpSecretariat(page, app.baseUrl, admin);
    await page.goto(`${app.baseUrl}/events/manage`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("セミナー管理");
    await expectNoAxeViolations(page);
  });

  // Each mode meets a different database when both are under test (with JavaScript: SQLite,
  // without: PostgreSQL), as the first-day journeys do: every step on both databases and in both
  // modes, at half the run time.
  const modes = testDatabases.length > 1 ? [database === testDatabases[0]] : [true, false];
  for (const javaScript of modes) {
    const mode = javaScript ? "js" : "nojs";
    const title = `地域情報セキュリティセミナー (${mode})`;
    const people = {
      first: { name: "出島 一郎", email: `ichiro.${mode}@example.jp` },
      second: { name: "稲佐 二郎", email: `jiro.${mode}@example.jp` },
      waiting: { name: "眼鏡橋 三子", email: `miko.${mode}@example.jp` },
    };
    const shared: { eventId?: string; ticketCode?: string; secondTicketUrl?: string; waitingTicketUrl?: string } = {};

    it(`[${mode}] the secretariat creates the seminar in the editor: venue 2 seats with a waitlist, online 50`, async () => {
      const page = state.admin!;
      await page.goto(`${app.baseUrl}/events/manage/new`);
      await page.locator('input[name="title"]').fill(title);
      await page.locator('input[name="theme"]').fill("最新のサイバー攻撃の実態とセキュリティ対策課題");
      await page.locator('input[name="startsAt"]').fill("2099-01-27T15:00");
      await page.locator('input[name="endsAt"]').fill("2099-01-27T17:00");
      await page.locator('input[name="venueName"]').fill("ホテルニュー長崎 鳳凰の間");
      await page.locator('input[name="onlineTool"]').fill("Webex");
      await page.locator('input[name="onlineJoinUrl"]').fill("https://webex.example/j/secret-room");
      await page.locator('input[name="seatTypes.0.capacity"]').fill("2");
      await page.locator('input[name="seatTypes.1.capacity"]').fill("50");
      await page.locator('input[name="sessions.0.title"]').fill("長崎県内のサイバーセキュリティについて");
      await page.locator('input[name="sessions.0.speakers.0.name"]').fill("サイバー犯罪対策課 課長補佐");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "保存" }).click();
      await page.waitForURL((url) => /^\/events\/manage\/[0-9a-z]{26}$/.test(url.pathname));
      shared.eventId = new URL(page.url()).pathname.split("/").pop();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("保存しました");
      await shot(page, `${mode}-01-editor`);
    });

    it(`[${mode}] a registrant registers without an account, gets the mail with an .ics, and a ticket with a QR code`, async () => {
      const page = await browser.newPage({ viewport: "phone", javaScript });
      await page.goto(`${app.baseUrl}/events`);
      await page.getByRole("link", { name: title }).click();
      await page.waitForURL((url) => url.pathname === `/events/${shared.eventId}`);
      // The event's page itself (the router changes the address before it renders it).
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      expect(await page.locator("main").textContent()).not.toContain("secret-room");
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-02-event`);
      await page.getByRole("link", { name: "参加を申し込む" }).click();
      await page.waitForURL((url) => url.pathname.endsWith("/register"));
      await page.getByLabel("氏名").fill(people.first.name);
      await page.getByLabel("メールアドレス").fill(people.first.email);
      await page.getByLabel("所属（会社・団体名）").fill("長崎工業会");
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-03-register`);
      await page.getByRole("button", { name: "申し込む" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/events/ticket/"));
      await expect.poll(() => page.locator(".ticket__status").textContent()).toContain("参加が確定しています（会場）");
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-04-ticket`);

      // The QR code, read back from pixels.
      const png = PNG.sync.read(await page.locator(".ticket__qr img").screenshot());
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toMatch(/^[0-9A-Z]{12}$/);
      shared.ticketCode = decoded!.data;
      expect(await page.locator(".ticket__qr figcaption").textContent()).toContain(shared.ticketCode);
      expect(await page.locator("main").textContent()).not.toContain("secret-room");

      const mail = await app.latestMailTo(people.first.email, { matching: /参加が確定/ });
      expect(linkIn(mail, `${app.baseUrl}/events/ticket/`)).toBe(page.url().replace(/\?.*$/, ""));
      const row = (await app.readOutbox()).find((m) => m.to_address === people.first.email)!;
      const [ics] = JSON.parse(row.attachments_json!) as { filename: string; content: string }[];
      const vevent = new ICAL.Event(new ICAL.Component(ICAL.parse(ics!.content)).getFirstSubcomponent("vevent")!);
      expect(vevent.summary).toBe(title);
      expect(vevent.startDate.toJSDate().toISOString()).toBe("2099-01-27T06:00:00.000Z");
      expect(vevent.endDate.toJSDate().toISOString()).toBe("2099-01-27T08:00:00.000Z");
      expect(ics!.content).not.toContain("secret-room");
    });

    it(`[${mode}] the same e-mail again gets a clear message, not a second seat`, async () => {
      const page = await browser.newPage({ viewport: "phone", javaScript });
      allowConsoleErrors(page, /409/);
      await page.goto(`${app.baseUrl}/events/${shared.eventId}/register`);
      await page.getByLabel("氏名").fill(people.first.name);
      await page.getByLabel("メールアドレス").fill(people.first.email.toUpperCase());
      await page.getByRole("button", { name: "申し込む" }).click();
      await expect
        .poll(() => page.locator("main").textContent())
        .toContain("このメールアドレスでは既にお申し込みいただいています");
      await shot(page, `${mode}-05-duplicate`);
    });

    it(`[${mode}] the venue fills: the next registrant is waitlisted and sees their position`, async () => {
      for (const [who, expected] of [
        [people.second, "参加が確定"],
        [people.waiting, "キャンセル待ち 1 番目"],
      ] as const) {
        const page = await browser.newPage({ viewport: "phone", javaScript });
        await page.goto(`${app.baseUrl}/events/${shared.eventId}/register`);
        await page.locator('input[name="seatType"][value="venue"]').check();
        await page.getByLabel("氏名").fill(who.name);
        await page.getByLabel("メールアドレス").fill(who.email);
        await page.getByRole("button", { name: "申し込む" }).click();
        await page.waitForURL((url) => url.pathname.startsWith("/events/ticket/"));
        await expect.poll(() => page.locator(".ticket__status").textContent()).toContain(expected);
        if (who === people.second) shared.secondTicketUrl = page.url();
        else {
          shared.waitingTicketUrl = page.url();
          expect(await page.locator(".ticket__qr").count()).toBe(0);
          await shot(page, `${mode}-06-waitlisted`);
        }
      }
      const mail = await app.latestMailTo(people.waiting.email, { matching: /キャンセル待ち/ });
      expect(mail).toContain("キャンセル待ち 1 番目");
    });

    it(`[${mode}] staff check the decoded ticket in at the door, once`, async () => {
      const page = state.admin!;
      allowConsoleErrors(page, /409/);
      await page.goto(`${app.baseUrl}/events/manage/${shared.eventId}/checkin`);
      await expectNoAxeViolations(page);
      await page.locator('input[name="ticket"]').fill(shared.ticketCode!);
      await page.getByRole("button", { name: "受付する" }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain(`${people.first.name} 様を受付しました。`);
      await shot(page, `${mode}-07-checked-in`);
      await page.locator('input[name="ticket"]').fill(shared.ticketCode!);
      await page.getByRole("button", { name: "受付する" }).click();
      await expect
        .poll(() => page.locator("main").textContent())
        .toContain(`${people.first.name} 様は既に受付済みです。`);
      await shot(page, `${mode}-08-second-scan`);
    });

    it(`[${mode}] another registrant cancels by their link; the waitlisted person is promoted and mailed`, async () => {
      const page = await browser.newPage({ viewport: "phone", javaScript });
      await page.goto(shared.secondTicketUrl!);
      await page.getByRole("button", { name: "参加をキャンセルする" }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain("キャンセルを受け付けました。");
      await expect.poll(() => page.locator(".ticket__status").textContent()).toContain("キャンセル済み");
      await shot(page, `${mode}-09-cancelled`);
      const mail = await app.latestMailTo(people.waiting.email, { matching: /キャンセルが出たため/ });
      expect(linkIn(mail, `${app.baseUrl}/events/ticket/`)).toBe(shared.waitingTicketUrl!.replace(/\?.*$/, ""));
      const promoted = await browser.newPage({ viewport: "phone", javaScript });
      await promoted.goto(shared.waitingTicketUrl!);
      await expect.poll(() => promoted.locator(".ticket__status").textContent()).toContain("参加が確定しています");
      await shot(promoted, `${mode}-10-promoted`);
    });

    it(`[${mode}] the venue is cut below the confirmed count: nobody is dropped, the secretariat moves the one over and they are mailed`, async () => {
      const page = state.admin!;
      await page.goto(`${app.baseUrl}/events/manage/${shared.eventId}/registrations`);
      // Typed and sent once the page's scripts have loaded (a loaded machine once lost the change).
      await page.waitForLoadState("networkidle");
      await page.getByLabel("会場 定員").fill("1");
      await page.getByRole("button", { name: "定員を変更" }).first().click();
      await expect.poll(() => page.locator("main").textContent()).toContain("定員超過 1 名");
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-11-over`);
      const over = page.locator("tr.row--over");
      await expect.poll(() => over.count()).toBe(1);
      expect(await over.textContent()).toContain(people.waiting.name);
      await over.locator('select[name="to"]').selectOption("online:seat");
      await over.getByRole("button", { name: "移動" }).click();
      await expect.poll(() => page.locator("tr.row--over").count()).toBe(0);
      await expect.poll(() => page.locator("main").textContent()).not.toContain("定員超過");
      const mail = await app.latestMailTo(people.waiting.email, { matching: /お申込み内容を変更/ });
      expect(mail).toContain("参加確定（オンライン）");
      expect(mail).toContain("secret-room");
      await shot(page, `${mode}-12-moved`);
      // A guest invited by name gets a personal link, which the registration page recognises.
      const invite = page.locator('form[aria-labelledby="guests-title"]');
      await invite.getByLabel("メールアドレス").fill(`guest-${mode}@pref.example.jp`);
      await invite.getByLabel("氏名").fill("来賓 一郎");
      await invite.getByRole("button", { name: "招待する" }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain("招待しました。");
      const link = await page.locator("li", { hasText: "来賓 一郎" }).locator("code").textContent();
      expect(link).toContain(`/events/${shared.eventId}/register?guest=`);
      const invited = await app.latestMailTo(`guest-${mode}@pref.example.jp`, { matching: /ご招待/ });
      expect(invited).toContain(link!);
      const guestPage = await browser.newPage({ viewport: "phone", javaScript });
      await guestPage.goto(link!);
      await expect.poll(() => guestPage.locator("main").textContent()).toContain("ご招待の方の専用リンク");
      await guestPage.close();
    });

    it(`[${mode}] figures by seat type and sector with a chart; the registrant export is a CSV with a BOM`, async () => {
      const page = state.admin!;
      await page.goto(`${app.baseUrl}/events/manage/${shared.eventId}/figures`);
      await expect
        .poll(() => page.locator(".lead").textContent())
        .toContain("参加確定 2 名のうち、参加 1 名・欠席 1 名。");
      expect(await page.locator(".figures-chart img").getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-13-figures`);
      const csv = await page
        .evaluate(async (url) => (await fetch(url)).text(), `/events/manage/${shared.eventId}/export.csv`)
        .catch(() => null);
      if (javaScript) expect(csv?.split("\n")).toHaveLength(5);
    });

    it(`[${mode}] the online tool's report: preview (nothing written), a guest recorded as a walk-in, then the figures`, async () => {
      const page = state.admin!;
      await page.goto(`${app.baseUrl}/events/manage/${shared.eventId}/figures`);
      // Zoom's Japanese participants report with the meeting-data rows above the table.
      const report = [
        "ミーティングID,トピック,開始時刻,終了時刻,ユーザーメール,期間（分）,参加者",
        `812 3456 7890,${title},2099/01/27 14:55:02,2099/01/27 17:05:40,office@nisa.example.jp,131,3`,
        "",
        "名前（元の名前）,ユーザーメール,参加時刻,退出時刻,期間（分）,ゲスト",
        `${people.waiting.name},${people.waiting.email.toUpperCase()},2099/01/27 14:58:10,2099/01/27 15:40:00,42,はい`,
        `${people.waiting.name},${people.waiting.email},2099/01/27 15:43:30,2099/01/27 17:01:00,78,はい`,
        "ｻｾﾎﾞ ﾀﾛｳ,,2099/01/27 15:00:00,2099/01/27 17:00:00,120,はい",
      ].join("\r\n");
      await page.locator('input[name="file"]').setInputFiles({
        name: "participants.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF${report}`),
      });
      await page.getByLabel("参加とみなす最低時間（分）").fill("30");
      await page.getByRole("button", { name: "確認する（まだ記録しません）" }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain("Zoom のレポート: 申込者と一致 1 件");
      if (javaScript) await expectNoAxeViolations(page);
      await shot(page, `${mode}-14-attendance-preview`);
      await page.getByLabel("ｻｾﾎﾞ ﾀﾛｳ の扱い").selectOption("walk-in");
      await page.getByRole("button", { name: "この内容で記録する" }).click();
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain("1 名を新たにオンライン参加にしました（記録済み 0 名）。当日参加 1 名");
      await page.goto(`${app.baseUrl}/events/manage/${shared.eventId}/figures`);
      await expect.poll(() => page.locator(".lead").textContent()).toContain("うち当日参加（申込なし）1 名");
    });
  }
});

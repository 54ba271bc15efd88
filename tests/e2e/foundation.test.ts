/**
 * Issue 2, "How it is checked", end to end as a new user meets Chiiki: first run → secretariat
 * account → TOTP enrolment → sign-in with the code → an invitation → the member accepts it (choosing
 * a password) and later signs in through the magic link read from the outbox → English and back → the audit log
 * shows the invitation. At phone and desktop sizes, with axe-core on every page, on both
 * databases under test. Then the same key forms without JavaScript, on each database.
 */
import * as OTPAuth from "otpauth";
import type { Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.ts";
import {
  allowConsoleErrors,
  expectNoAxeViolations,
  screenshot,
  useBrowser,
  type ViewportName,
} from "../support/browser.ts";
import { linkIn, useAppServer } from "../support/server.ts";
import { seedScopes } from "../support/scopes.ts";

const secretariat = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "hanako@nagasaki-security.example.jp",
  password: "出島の夜景は百万ドル 2021",
};
const member = {
  name: "佐世保 太郎",
  email: "taro@sasebo-tech.example.jp",
  organisation: "org-sasebo-tech",
  password: "佐世保バーガーは大きい 2021",
};

function totpFor(secret: string) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
}

/** Submits the form `button` belongs to and waits for the document (or data) request it causes. */
async function submit(page: Page, button: ReturnType<Page["getByRole"]>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).origin === new URL(page.url()).origin,
    ),
    button.click(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

/** The header's menu: a disclosure on phones (its links one tap away), always open on desktops. */
/** Opens the phone's menu (on a desktop it is always shown) and, given one, the group of links by its name. */
async function openMenu(page: Page, group?: string) {
  const menu = page.locator("details.menu");
  const summary = menu.locator("> summary");
  if ((await summary.isVisible()) && !(await menu.evaluate((d: HTMLDetailsElement) => d.open))) await summary.click();
  const nav = page.getByRole("navigation", { name: "メインメニュー" });
  if (group) {
    const details = nav.locator("details.menu__group", { has: page.locator("summary", { hasText: group }) });
    if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await details.locator("> summary").click();
  }
  return nav;
}

async function signOut(page: Page) {
  const nav = await openMenu(page);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/"),
    nav.getByRole("button", { name: "ログアウト", exact: true }).click(),
  ]);
}

// Each size meets a different database when both are under test (phone: SQLite, desktop:
// PostgreSQL): every page on both sizes, every step on both databases, at half the run time.
const journeys = (["phone", "desktop"] as ViewportName[]).map((viewport, i) => ({
  viewport,
  database: testDatabases[i % testDatabases.length]!,
}));

describe.each(journeys)("a new user's first day ($viewport, $database)", ({ viewport, database }) => {
  const app = useAppServer({ database });
  const browser = useBrowser();
  const shots = (page: Page, step: string) => screenshot(page, `foundation-${viewport}-${database}-${step}`);
  const state: { admin?: Page; totp?: OTPAuth.TOTP; memberPage?: Page } = {};

  /** Every page the journey meets is checked with axe where it meets it. */
  const arrive = async (page: Page, step: string) => {
    await expectNoAxeViolations(page);
    await shots(page, step);
  };

  it("first run: the setup page creates the secretariat account and leads to TOTP enrolment", async () => {
    const page = (state.admin = await browser.newPage({ viewport }));
    await page.goto(app.baseUrl);
    expect(new URL(page.url()).pathname).toBe("/setup");
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("初期設定");
    await arrive(page, "01-setup");

    await page.locator('input[name="community"]').fill(secretariat.community);
    await page.locator('input[name="name"]').fill(secretariat.name);
    await page.locator('input[name="email"]').fill(secretariat.email);
    await page.locator('input[name="password"]').fill(secretariat.password);
    await page.getByRole("button", { name: "事務局アカウントを作成" }).click();
    await page.waitForURL((url) => url.pathname === "/account/two-factor");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("二段階認証の設定");
    await arrive(page, "02-enrol");
  });

  it("enrols TOTP with the key shown on the page", async () => {
    const page = state.admin!;
    await page.locator('input[name="password"]').fill(secretariat.password);
    await page.getByRole("button", { name: "設定を開始" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent({ timeout: 15_000 }))!.trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    state.totp = totpFor(secret);
    await arrive(page, "03-enrol-secret");

    await page.locator('input[name="code"]').fill(state.totp.generate());
    await page.getByRole("button", { name: "コードを確認して有効にする" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await arrive(page, "04-account");
  });

  it("signs out, and signs in again with password and TOTP code", async () => {
    const page = state.admin!;
    await signOut(page);
    await page.goto(`${app.baseUrl}/sign-in`);
    await arrive(page, "05-sign-in");
    await page.locator('input[name="email"]').fill(secretariat.email);
    await page.locator('input[name="password"]').fill(secretariat.password);
    await page.getByRole("button", { name: "ログイン", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/two-factor");
    await arrive(page, "06-two-factor");
    await page.locator('input[name="code"]').fill(state.totp!.generate());
    await page.getByRole("button", { name: "確認", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain(`${secretariat.name} としてログインしています。`);
    await arrive(page, "07-home-secretariat");
  });

  it("invites a member, whose invitation mail is in the outbox", async () => {
    const page = state.admin!;
    await (await openMenu(page, "管理")).getByRole("link", { name: "招待" }).click();
    await page.waitForURL((url) => url.pathname === "/secretariat/invitations");
    await arrive(page, "08-invitations");

    // The organisation is chosen by name (the registry has it; here it is put there directly).
    await seedScopes(app.db(), { organisations: [[member.organisation, "佐世保テック株式会社"]] });
    await page.reload();
    // A role chosen before the page hydrates would be reset by it (a controlled field).
    await page.waitForLoadState("networkidle");
    await page.locator('input[name="email"]').fill(member.email);
    await page.locator('input[name="name"]').fill(member.name);
    await page.locator('select[name="role"]').selectOption("member");
    await page.locator('select[name="scopeId"]').selectOption({ label: "佐世保テック株式会社" });
    await page.getByRole("button", { name: "招待メールを送信" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain(`${member.email} に招待メールを送信しました。`);
    await expect.poll(() => page.locator("table").textContent()).toContain(member.email);
    await arrive(page, "09-invited");

    const mail = await app.latestMailTo(member.email, { matching: /\/invite\// });
    expect(mail).toContain(member.name);
    expect(mail).toContain(secretariat.name);
    const [queued, ...more] = (await app.readOutbox()).filter((m) => m.to_address === member.email);
    expect(more).toEqual([]);
    expect(queued!.subject).toContain(secretariat.community);
  });

  it("the member opens the invitation in their own browser, chooses a password, accepts it and is signed in", async () => {
    const mail = await app.latestMailTo(member.email, { matching: /\/invite\// });
    const page = (state.memberPage = await browser.newPage({ viewport }));
    await page.goto(linkIn(mail, `${app.baseUrl}/invite/`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("招待の承諾");
    await expect.poll(() => page.locator("main").textContent()).toContain(member.email);
    await arrive(page, "10-invitation");

    await page.locator('input[name="newPassword"]').fill(member.password);
    await page.locator('input[name="passwordConfirm"]').fill(member.password);
    await page.getByRole("button", { name: "承諾してログイン" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await expect.poll(() => page.locator("main").textContent()).toContain("ようこそ。アカウントの準備ができました。");
    await expect.poll(() => page.locator("main").textContent()).toContain(member.email);
    await arrive(page, "11-member-account");
  });

  it("the member signs out and back in through the magic link, read on the secretariat's outbox page", async () => {
    const page = state.memberPage!;
    await signOut(page);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole("link", { name: "メールでログインリンクを受け取る" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/magic-link");
    // The link form itself, not the sign-in form the router may still show (both have an e-mail field).
    await page.getByRole("button", { name: "ログインリンクを送信" }).waitFor();
    await arrive(page, "12-magic-link");
    await page.locator('input[name="email"]').fill(member.email);
    await page.getByRole("button", { name: "ログインリンクを送信" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("ログインリンクを送信しました");
    await arrive(page, "13-magic-link-sent");

    // The link is read where a new installation without SMTP shows it: the secretariat's outbox.
    const admin = state.admin!;
    await (await openMenu(admin, "周知")).getByRole("link", { name: "送信メール" }).click();
    await admin.waitForURL((url) => url.pathname === "/secretariat/outbox");
    await arrive(admin, "13b-outbox");
    await admin
      .locator("tbody tr", { hasText: member.email })
      .filter({ hasText: "ログインリンク" })
      .first()
      .getByRole("link")
      .click();
    await admin.waitForURL((url) => url.pathname.startsWith("/secretariat/outbox/"));
    await arrive(admin, "13c-outbox-message");
    const link = await admin
      .getByTestId("mail-body")
      .locator('a[href*="/api/auth/magic-link/verify"]')
      .getAttribute("href");
    const mail = await app.latestMailTo(member.email, { matching: /magic-link\/verify/ });
    expect(link).toBe(linkIn(mail, `${app.baseUrl}/api/auth/magic-link/verify`));

    await page.goto(link!);
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.locator("main").textContent()).toContain(`${member.name} としてログインしています。`);
    await arrive(page, "14-member-home");
  });

  it("the member switches to English and back", async () => {
    const page = state.memberPage!;
    const switchLanguage = page.locator("form.lang-switch button");
    await expect.poll(() => switchLanguage.textContent()).toBe("English");
    await switchLanguage.click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.locator("main").textContent()).toContain(`Signed in as ${member.name}`);
    await arrive(page, "15-english");

    await expect.poll(() => switchLanguage.textContent()).toBe("日本語");
    await switchLanguage.click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("ja");
    await expect.poll(() => page.locator("main").textContent()).toContain(`${member.name} としてログインしています。`);
  });

  it("the secretariat's audit log shows the invitation", async () => {
    const page = state.admin!;
    await (await openMenu(page, "管理")).getByRole("link", { name: "監査ログ" }).click();
    await page.waitForURL((url) => url.pathname === "/secretariat/audit");
    const table = page.locator("table");
    // Each action reads as words, with its record code beside it for support.
    await expect.poll(() => table.textContent()).toContain("招待の送信");
    await expect.poll(() => table.textContent()).toContain("招待の受諾");
    await expect.poll(() => table.textContent()).toContain("invitation.create");
    await arrive(page, "16-audit");

    const actionFilter = page.locator('select[name="action"]');
    // On a phone the filters fold away behind their own disclosure.
    if (!(await actionFilter.isVisible())) await page.locator("summary", { hasText: "絞り込み" }).click();
    await actionFilter.selectOption({ label: "招待の送信" });
    await page.getByRole("button", { name: "絞り込み" }).click();
    await page.waitForURL((url) => url.searchParams.get("action") === "invitation.create");
    const rows = page.locator("table tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain(secretariat.name);
    await rows.first().locator("summary").click();
    await expect.poll(() => rows.first().textContent()).toContain(member.email);
    await arrive(page, "17-audit-filtered");
  });
});

describe.each(testDatabases)("the key forms without JavaScript (%s)", (database) => {
  const app = useAppServer({ database });
  const browser = useBrowser();
  const state: { page?: Page; totp?: OTPAuth.TOTP } = {};

  /** The field's own error message, tied to it by aria-describedby. */
  const fieldError = (page: Page, name: string) =>
    page.locator(`[name="${name}"]`).evaluate((input) => {
      const ids = (input.getAttribute("aria-describedby") ?? "").split(" ");
      return (
        ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field__error"))
          ?.textContent ?? null
      );
    });

  it("first run refuses bad input field by field, in Japanese, and writes nothing", async () => {
    const page = (state.page = await browser.newPage({ viewport: "phone", javaScript: false }));
    allowConsoleErrors(page, /status of 4\d\d/);
    await page.goto(`${app.baseUrl}/setup`);
    await page.locator('input[name="email"]').fill("not-an-address");
    await page.locator('input[name="password"]').fill("short");
    const response = await submit(page, page.getByRole("button", { name: "事務局アカウントを作成" }));

    expect(response.status()).toBe(422);
    expect(await page.getByRole("alert").first().textContent()).toContain("入力内容に誤りがあります");
    expect(await fieldError(page, "community")).toBe("入力してください。");
    expect(await fieldError(page, "name")).toBe("入力してください。");
    expect(await fieldError(page, "email")).toBe("メールアドレスの形式で入力してください。");
    expect(await fieldError(page, "password")).toBe("12文字以上で入力してください。");
    expect(await page.locator('input[name="email"]').inputValue()).toBe("not-an-address");
    await expectNoAxeViolations(page);

    expect(await app.db().selectFrom("user").select("id").execute()).toEqual([]);
    expect(await app.db().selectFrom("app_settings").select("key").where("key", "=", "installed_at").execute()).toEqual(
      [],
    );
  });

  it("first run and TOTP enrolment work as plain form posts", async () => {
    const page = state.page!;
    await page.locator('input[name="community"]').fill(secretariat.community);
    await page.locator('input[name="name"]').fill(secretariat.name);
    await page.locator('input[name="email"]').fill(secretariat.email);
    await page.locator('input[name="password"]').fill(secretariat.password);
    await submit(page, page.getByRole("button", { name: "事務局アカウントを作成" }));
    expect(new URL(page.url()).pathname).toBe("/account/two-factor");

    await page.locator('input[name="password"]').fill(secretariat.password);
    await submit(page, page.getByRole("button", { name: "設定を開始" }));
    state.totp = totpFor((await page.getByTestId("totp-secret").textContent())!.trim());

    await page.locator('input[name="code"]').fill("12ab");
    const bad = await submit(page, page.getByRole("button", { name: "コードを確認して有効にする" }));
    expect(bad.status()).toBe(422);
    expect(await fieldError(page, "code")).toBe("6桁の数字を入力してください。");

    await page.locator('input[name="code"]').fill(state.totp.generate());
    await submit(page, page.getByRole("button", { name: "コードを確認して有効にする" }));
    expect(new URL(page.url()).pathname).toBe("/account");
  });

  it("sign-in answers a wrong password with 401 and a Japanese message, then signs in with the code", async () => {
    const page = state.page!;
    await page.locator("details.menu > summary").click();
    await submit(page, page.getByRole("button", { name: "ログアウト", exact: true }));
    await page.goto(`${app.baseUrl}/sign-in`);

    const empty = await submit(page, page.getByRole("button", { name: "ログイン", exact: true }));
    expect(empty.status()).toBe(422);
    expect(await fieldError(page, "email")).toBe("入力してください。");

    await page.locator('input[name="email"]').fill(secretariat.email);
    await page.locator('input[name="password"]').fill("これは違うパスワードです");
    const wrong = await submit(page, page.getByRole("button", { name: "ログイン", exact: true }));
    expect(wrong.status()).toBe(401);
    expect(await page.getByRole("alert").first().textContent()).toBe(
      "メールアドレスまたはパスワードが正しくありません。",
    );

    await page.locator('input[name="password"]').fill(secretariat.password);
    await submit(page, page.getByRole("button", { name: "ログイン", exact: true }));
    expect(new URL(page.url()).pathname).toBe("/sign-in/two-factor");
    await page.locator('input[name="code"]').fill(state.totp!.generate());
    await submit(page, page.getByRole("button", { name: "確認", exact: true }));
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator("main").textContent()).toContain(`${secretariat.name} としてログインしています。`);
  });

  it("an invitation with bad input is refused field by field and queues no mail", async () => {
    const page = state.page!;
    await page.goto(`${app.baseUrl}/secretariat/invitations`);
    await page.locator('input[name="email"]').fill("taro@");
    await page.locator('select[name="role"]').selectOption("member");
    const response = await submit(page, page.getByRole("button", { name: "招待メールを送信" }));
    expect(response.status()).toBe(422);
    expect(await fieldError(page, "email")).toBe("メールアドレスの形式で入力してください。");
    expect(await fieldError(page, "name")).toBe("入力してください。");
    expect(await fieldError(page, "scopeId")).toBe("入力してください。");
    await expectNoAxeViolations(page);
    expect(await app.db().selectFrom("invitations").select("id").execute()).toEqual([]);
    expect(await app.readOutbox()).toEqual([]);
  });
});

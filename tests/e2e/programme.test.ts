/**
 * The programme office as a new user meets it (issue 18): the operator runs `npx chiiki demo`
 * (Nagasaki FY2020, the neighbouring community and the Kyushu programme), the programme's
 * officer signs in with a mailed link, reads the key figures and the questionnaire compared side
 * by side on a phone (axe), and downloads the KPI sheet and the summary report. Nobody of a
 * community gets any of it. On SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../core/files/xlsx.ts";
import { DEMO_PROGRAMME, DEMO_PROGRAMME_OFFICE } from "../../core/programme/programme-demo.ts";
import { testDatabases } from "../support/databases.ts";
import { childProcessEnv } from "../support/migrated-templates.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { linkIn, repoRoot, TEST_SECRET, useAppServer } from "../support/server.ts";
import { enrolTotp, firstRun, type HttpSession } from "./http-session.ts";

describe.each(testDatabases)("the programme office on %s", (kind) => {
  const app = useAppServer({ database: kind, rateLimits: false });
  const browser = useBrowser();

  const secretariat = { email: "office@example.jp", password: "programme-secretariat-pass" };
  let nagasaki: HttpSession;

  it("the operator loads the demo; the officer signs in by a mailed link and reads both communities", async () => {
    // The installation's first run (its secretariat), then the demo, as the README's quick start.
    nagasaki = await firstRun(app.baseUrl, {
      community: "長崎地域SECURITY",
      name: "事務局 花子",
      ...secretariat,
    });
    const demo = spawnSync(process.execPath, [path.join(repoRoot, "bin/chiiki.js"), "demo"], {
      cwd: repoRoot,
      env: {
        ...childProcessEnv(),
        HOME: tmpdir(),
        CHIIKI_DATA_DIR: app.dataDir,
        CHIIKI_SECRET: TEST_SECRET,
        CHIIKI_BASE_URL: app.baseUrl,
        ...(app.databaseUrl ? { DATABASE_URL: app.databaseUrl } : {}),
      },
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`programme: ${DEMO_PROGRAMME.slug}`);

    const page = await browser.newPage({ viewport: "phone" });
    await page.goto(`${app.baseUrl}/sign-in/magic-link`);
    await page.locator('input[name="email"]').fill(DEMO_PROGRAMME_OFFICE.email);
    await page.getByRole("button", { name: "ログインリンクを送信" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("ログインリンクを送信しました");
    const mail = await app.latestMailTo(DEMO_PROGRAMME_OFFICE.email, { matching: /magic-link\/verify/ });
    await page.goto(linkIn(mail, `${app.baseUrl}/api/auth/magic-link/verify`));
    await page.waitForURL((url) => url.pathname === "/");

    // The home page leads the officer, who holds no role in the community, to the programme.
    await page.getByRole("link", { name: `${DEMO_PROGRAMME.name} の取組状況（プログラム）` }).click();
    await page.waitForURL((url) => url.pathname === `/programme/${DEMO_PROGRAMME.slug}`);
    await page.getByRole("link", { name: "令和2年度" }).click();
    await page.waitForURL((url) => url.search === "?fiscalYear=2020");
    const seminars = page.getByRole("region", { name: "セミナー" });
    await expect.poll(() => seminars.textContent()).toContain("長崎地域SECURITY");
    const text = (await seminars.textContent()) ?? "";
    expect(text).toContain("佐賀地域SECURITY");
    // Nagasaki's 15 at the venue and 55 online (the seed's report); Saga's 29 and 44; then the sums.
    const rowOf = async (name: string) =>
      (await seminars.getByRole("row").filter({ hasText: name }).first().allTextContents()).join(" ");
    expect(await rowOf("参加（会場）")).toMatch(/15\s*29\s*44/);
    expect(await rowOf("参加（オンライン）")).toMatch(/55\s*44\s*99/);
    await expectNoAxeViolations(page);
    await screenshot(page, `programme-kpis-${kind}`);

    await page.getByRole("link", { name: "アンケートの比較" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/questionnaire"));
    await expect.poll(() => page.locator("main").textContent()).toContain("Q7");
    await expectNoAxeViolations(page);
    await screenshot(page, `programme-questionnaire-${kind}`);

    const sheet = await page.request.get(`${app.baseUrl}/programme/${DEMO_PROGRAMME.slug}/kpis?fromYear=2020`);
    expect(sheet.status()).toBe(200);
    const rows = await readXlsx(new Uint8Array(await sheet.body()), "file");
    expect(rows.map((r) => r[1])).toEqual([
      "コミュニティ",
      "長崎地域SECURITY",
      "佐賀地域SECURITY",
      `${DEMO_PROGRAMME.name}（合計）`,
    ]);
    const report = await page.request.get(
      `${app.baseUrl}/programme/${DEMO_PROGRAMME.slug}/report?fiscalYear=2020&format=pdf`,
    );
    expect(report.status()).toBe(200);
    expect((await report.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The same figures over the API, for the same session.
    const api = await page.request.get(`${app.baseUrl}/api/v1/programmes/${DEMO_PROGRAMME.slug}/kpis?fiscalYear=2020`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { rows: { values: Record<string, number | null> }[] };
    expect(body.rows.map((r) => [r.values.attendedVenue, r.values.attendedOnline])).toEqual([
      [15, 55],
      [29, 44],
    ]);
    const bad = await page.request.get(`${app.baseUrl}/programme/${DEMO_PROGRAMME.slug}/kpis?fromYear=20x0`);
    expect(bad.status()).toBe(422);
    await page.context().close();
  }, 300_000);

  it("serves the neighbouring community under /c/saga/: its pages, forms and redirects stay there, and its secretariat switches", async () => {
    // Nagasaki's secretariat runs Saga's community too: the operator grants the existing account
    // the role there (no second account, no second password).
    const totp = await enrolTotp(nagasaki, secretariat.password);
    const grant = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, "bin/chiiki.js"),
        "--community",
        "saga",
        "admin",
        "create",
        "--email",
        secretariat.email,
        "--name",
        "事務局 花子",
      ],
      {
        cwd: repoRoot,
        env: {
          ...childProcessEnv(),
          HOME: tmpdir(),
          CHIIKI_DATA_DIR: app.dataDir,
          CHIIKI_SECRET: TEST_SECRET,
          ...(app.databaseUrl ? { DATABASE_URL: app.databaseUrl } : {}),
        },
        encoding: "utf8",
      },
    );
    expect(grant.status, grant.stderr).toBe(0);
    expect(grant.stdout).toContain("事務局の役割を付与しました");

    // Anyone: Saga's public pages under its prefix, every link on them too; an unknown slug is a 404.
    const anonymous = await fetch(`${app.baseUrl}/c/saga/events`);
    expect(anonymous.status).toBe(200);
    const html = await anonymous.text();
    expect(html).toContain("佐賀地域SECURITY");
    const links = [...html.matchAll(/<a [^>]*href="(\/[^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((href) => !href.startsWith("/c/saga"))).toEqual([]);
    expect((await fetch(`${app.baseUrl}/c/nosuch/events`)).status).toBe(404);
    // A reader who chose English sees the community's English name, where it has one.
    const english = await (
      await fetch(`${app.baseUrl}/c/saga/events`, { headers: { Cookie: "chiiki_lang=en" } })
    ).text();
    expect(english).toMatch(/<span class="brand__name">Saga Regional SECURITY<\/span>/);
    const signInFirst = await fetch(`${app.baseUrl}/c/saga/community/organisations`, { redirect: "manual" });
    expect(signInFirst.headers.get("location")).toBe("/c/saga/sign-in?redirectTo=%2Fcommunity%2Forganisations");

    // With JavaScript, on a phone: sign in at Saga's address; every redirect and navigation stays there.
    const page = await browser.newPage({ viewport: "phone" });
    await page.goto(`${app.baseUrl}/c/saga/community/organisations`);
    await page.waitForURL((url) => url.pathname === "/c/saga/sign-in");
    await page.waitForLoadState("networkidle");
    await page.locator('input[name="email"]').fill(secretariat.email);
    await page.locator('input[name="password"]').fill(secretariat.password);
    await page.getByRole("button", { name: "ログイン", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/c/saga/sign-in/two-factor");
    await page.locator('input[name="code"]').fill(totp.generate());
    await page.getByRole("button", { name: "確認", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/c/saga/community/organisations");
    // Saga's registry (its demo organisations), not Nagasaki's.
    await expect.poll(() => page.locator("main").textContent()).toContain("佐賀");
    await page.goto(`${app.baseUrl}/c/saga/`);
    const switcher = page.getByRole("navigation", { name: "所属するコミュニティ" });
    await expect.poll(() => switcher.textContent()).toMatch(/佐賀地域SECURITY\s*（表示中）/);
    await expectNoAxeViolations(page);
    await screenshot(page, `community-switch-${kind}`);
    await switcher.getByRole("link", { name: "長崎地域SECURITY" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.locator(".brand__name").textContent()).toBe("長崎地域SECURITY");

    // Without JavaScript: a form posted in Saga lands in Saga, and its answer's redirect stays there.
    const created = await nagasaki.post("/c/saga/community/organisations/new", {
      name: "佐賀プレフィクス検証株式会社",
      sector: "industry",
    });
    expect(created.status, await created.clone().text()).toBe(302);
    expect(created.headers.get("location")).toMatch(/^\/c\/saga\/community\/organisations\/[0-9a-z]{26}\?saved=1$/);
    const inSaga = await (await nagasaki.get("/c/saga/community/organisations?q=プレフィクス")).text();
    expect(inSaga).toContain("佐賀プレフィクス検証株式会社");
    const inNagasaki = await (await nagasaki.get("/community/organisations?q=プレフィクス")).text();
    expect(inNagasaki).not.toContain("佐賀プレフィクス検証株式会社");
    // Saga's API under its prefix reads Saga's events only.
    await page.context().close();
  }, 120_000);

  it("answers anyone else with a sign-in or a 404, never a figure", async () => {
    for (const p of [
      "",
      "/questionnaire?fiscalYear=2020",
      "/kpis?fromYear=2020",
      "/report?fiscalYear=2020&format=docx",
      "/audit",
    ]) {
      const response = await fetch(`${app.baseUrl}/programme/${DEMO_PROGRAMME.slug}${p}`, { redirect: "manual" });
      expect(response.status, p).toBe(302);
      expect(response.headers.get("location"), p).toContain("/sign-in");
    }
  });
});

/**
 * Debian's Chromium driven by playwright-core, for end-to-end tests.
 *
 *   const browser = useBrowser();
 *   const page = await browser.newPage({ viewport: "phone" });
 *   await page.goto(`${app.baseUrl}/setup`);
 *   await expectNoAxeViolations(page);
 *
 * Any console error or uncaught exception on a page fails the test that opened it (checked in
 * afterEach), unless the test declared it expected with `allowConsoleErrors`.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as OTPAuth from "otpauth";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { repoRoot } from "./server.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const viewports = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof viewports;

export interface PageOptions {
  viewport?: ViewportName;
  javaScript?: boolean;
  /** Pages opened in one context share cookies: one person in one browser. */
  context?: BrowserContext;
}

export interface TestBrowser {
  /** A new browser context (a fresh cookie jar: another person). */
  newContext(options?: Omit<PageOptions, "context">): Promise<BrowserContext>;
  newPage(options?: PageOptions): Promise<Page>;
}

const consoleErrors = new WeakMap<Page, string[]>();
/** Pages whose context runs without JavaScript, and a scripted context to inspect their HTML in. */
const scriptless = new WeakMap<Page, () => Promise<BrowserContext>>();
const allowedErrors = new WeakMap<Page, RegExp[]>();

/** Launches Chromium before the suite (a fresh temporary profile) and closes it after. */
export function useBrowser(options: { extraArgs?: string[] } = {}): TestBrowser {
  let browser: Browser | null = null;
  const openPages = new Set<Page>();
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    });
  });
  afterAll(async () => {
    openPages.clear();
    await browser?.close();
  });
  afterEach(() => {
    // Pages live on across tests (a journey keeps its browser): each check covers what each
    // page logged since the previous one.
    const problems: string[] = [];
    for (const page of openPages) {
      const errors = consoleErrors.get(page) ?? [];
      const allowed = allowedErrors.get(page) ?? [];
      for (const message of errors.splice(0)) {
        if (!allowed.some((pattern) => pattern.test(message))) problems.push(`${page.url()}: ${message}`);
      }
      if (page.isClosed()) openPages.delete(page);
    }
    if (problems.length) throw new Error(`console errors on the page:\n${problems.join("\n")}`);
  });

  const newContext = async ({ viewport = "desktop", javaScript = true }: Omit<PageOptions, "context"> = {}) => {
    if (!browser) throw new Error("the browser starts in beforeAll; use it inside tests");
    return browser.newContext({
      viewport: viewports[viewport],
      javaScriptEnabled: javaScript,
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
      isMobile: viewport === "phone",
      hasTouch: viewport === "phone",
    });
  };

  return {
    newContext,
    async newPage(options = {}) {
      const context = options.context ?? (await newContext(options));
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      consoleErrors.set(page, errors);
      openPages.add(page);
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const where = message.location().url;
        errors.push(where && where !== page.url() ? `${message.text()} (${where})` : message.text());
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      if (options.javaScript === false)
        scriptless.set(page, () => newContext({ viewport: options.viewport ?? "desktop" }));
      return page;
    },
  };
}

/**
 * Console errors a test provokes on purpose (Chromium logs every 4xx response it loads, so a
 * test that submits bad input declares the status it expects).
 */
export function allowConsoleErrors(page: Page, ...patterns: RegExp[]): void {
  allowedErrors.set(page, [...(allowedErrors.get(page) ?? []), ...patterns]);
}

let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page and fails on serious or critical violations, listing each. The script
 * goes in through the DevTools protocol (page.evaluate), which the app's strict CSP does not block.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const openScripted = scriptless.get(page);
  if (!openScripted) return expectNoViolationsIn(page, page.url());
  // Without JavaScript nothing can be evaluated in the page, so axe inspects the very same
  // document (markup as served, styles from the server, scripts removed) in a scripted page.
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const context = await openScripted();
  try {
    const twin = await context.newPage();
    const url = page.url();
    await twin.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await twin.goto(url);
    await expectNoViolationsIn(twin, `${url} (without JavaScript)`);
  } finally {
    await context.close();
  }
}

async function expectNoViolationsIn(page: Page, where: string): Promise<void> {
  axeSource ??= readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");
  const violations = await page.evaluate(async (source) => {
    const w = window as unknown as {
      axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    if (!w.axe) (0, eval)(source);
    const result = await w.axe!.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, axeSource);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n")}`,
    )
    .join("\n");
  expect(serious, `axe violations on ${where}:\n${report}`).toEqual([]);
}

/** A full-page screenshot in test-results/ (kept by CI as an artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, "test-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The first run as a new secretariat goes through it in the browser: the setup form, then TOTP
 * enrolment with the key shown on the page. Ends on /account, signed in with both factors.
 */
export async function setUpSecretariat(
  page: Page,
  baseUrl: string,
  admin: { community: string; name: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/setup`);
  await page.locator('input[name="community"]').fill(admin.community);
  await page.locator('input[name="name"]').fill(admin.name);
  await page.locator('input[name="email"]').fill(admin.email);
  await page.locator('input[name="password"]').fill(admin.password);
  await page.getByRole("button", { name: "事務局アカウントを作成" }).click();
  await page.waitForURL((url) => url.pathname === "/account/two-factor");
  // The router changes the address before it renders the page: until the enrolment form is
  // there, `input[name="password"]` is still the setup form's (a loaded CI machine filled it).
  const start = page.getByRole("button", { name: "設定を開始" });
  await start.waitFor();
  await page.locator('input[name="password"]').fill(admin.password);
  await start.click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: "SHA1",
  });
  await page.locator('input[name="code"]').fill(totp.generate());
  await page.getByRole("button", { name: "コードを確認して有効にする" }).click();
  await page.waitForURL((url) => url.pathname === "/account");
}

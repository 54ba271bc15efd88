/**
 * The annual report's pages on a real server: choosing a year, the print-ready preview, editing
 * a narrative block without JavaScript (the edit survives regeneration), the DOCX and PDF
 * downloads, who may see them, and the preview on a phone (axe) and in print (A4 pages).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { loadReportTestYear } from "../fixtures/report-year.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import { repoRoot, useAppServer } from "../support/server.ts";
import { enrolTotp, firstRun, HttpSession } from "./http-session.ts";

const account = {
  community: "長崎地域SECURITY",
  name: "事務局 花子",
  email: "office@example.jp",
  password: "report-secretariat-pass",
};

describe("annual report pages", () => {
  const app = useAppServer();
  const browser = useBrowser();
  let session: HttpSession;

  it("the secretariat opens FY2020 from the year chooser and sees it section by section", async () => {
    session = await firstRun(app.baseUrl, account);
    await enrolTotp(session, account.password);
    await app.db().deleteFrom("app_settings").where("key", "in", ["community_name", "community_operator"]).execute();
    await loadReportTestYear(app.db(), app.dialect, { kind: "system", name: "e2e" });

    const chooser = await session.get("/reports");
    expect(chooser.status).toBe(200);
    expect(await chooser.text()).toContain("令和2年度");
    const chosen = await session.get("/reports?fiscalYear=2020");
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/reports/2020");

    const preview = await session.get("/reports/2020");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    for (const text of [
      "長崎地域を対象とする事業実施報告書",
      "2.5 議論した結果",
      "3.1 実施概要",
      "4.3 アンケート調査に対する分析",
      "5 考察",
      "合計70名が参加した",
      "data:image/svg+xml;base64,",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain("Q6は、75%の会社が従業員を対象としたサイバーセキュリティ教育を実施していたが");
  });

  it("edits a narrative block with a plain form; the preview and the next regeneration keep it", async () => {
    const saved = await session.post("/reports/2020/edit", {
      "s5.considerations": "長崎地域は情報セキュリティへの関心が非常に高い地域であると言える。",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/reports/2020?saved=1");
    const preview = await (await session.get("/reports/2020?saved=1")).text();
    expect(preview).toContain("保存しました。");
    expect(preview).toContain("長崎地域は情報セキュリティへの関心が非常に高い地域であると言える。");

    const refused = await session.post("/reports/2020/edit", { "cover.issuedOn": "2021/03/24" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("日付は YYYY-MM-DD の形で入力してください。");
    const audit = await app
      .db()
      .selectFrom("audit_events")
      .select("entity_id")
      .where("action", "=", "report.edit")
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(["2020:s5.considerations"]);
  });

  it("downloads DOCX and PDF, audited; nobody else gets them", async () => {
    const docx = await session.get("/reports/2020/export?format=docx");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    expect(docx.headers.get("content-disposition")).toContain("annual-report-FY2020.docx");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
    const pdf = await session.get("/reports/2020/export?format=pdf");
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    expect((await session.get("/reports/2020/export?format=rtf")).status).toBe(422);
    const exports = await app
      .db()
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "report.export")
      .execute();
    expect(exports).toHaveLength(2);

    const stranger = new HttpSession(app.baseUrl);
    for (const path of ["/reports", "/reports/2020", "/reports/2020/export?format=pdf", "/reports/2020/edit"]) {
      const response = await stranger.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toContain("/sign-in");
    }
  });

  it("answers the API: the tree with charts as data, and edits by block id", async () => {
    const token = async (role: "secretariat" | "member") =>
      (
        await createApiToken(
          { db: app.db(), clock: systemClock },
          { kind: "system", name: "reports-e2e" },
          {
            name: `reports ${role}`,
            role,
            // A member token names an organisation that exists (tokens' scopes are checked).
            scopeId:
              role === "member"
                ? (
                    await app.db().selectFrom("organisations").select("id").executeTakeFirstOrThrow()
                  ).id
                : undefined,
          },
        )
      ).token;
    const call = async (method: string, bearer: string, body?: unknown) => {
      const response = await fetch(`${app.baseUrl}/api/v1/reports/2020`, {
        method,
        headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: await response.json() };
    };
    const secretariat = await token("secretariat");
    const report = await call("GET", secretariat);
    expect(report.status).toBe(200);
    const survey = report.body.sections.find((s: { id: string }) => s.id === "s4");
    const q7 = survey.sections
      .find((s: { id: string }) => s.id === "s4.2")
      .sections.find((s: { id: string }) => s.id === "s4.2.q7");
    expect(q7.blocks[0]).toMatchObject({ kind: "chart", chart: { kind: "bar", base: 27 } });
    const changed = await call("PATCH", secretariat, {
      edits: { "s1.period": "令和2年12月14日から令和3年3月24日まで" },
    });
    expect(changed).toEqual({ status: 200, body: { changed: ["s1.period"] } });
    const refused = await call("PATCH", secretariat, { edits: { "s9.none": "x" } });
    expect(refused.status).toBe(422);
    expect((await call("GET", await token("member"))).status).toBe(403);
    const openapi = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
    expect(Object.keys(openapi.paths["/api/v1/reports/{fy}"])).toEqual(expect.arrayContaining(["get", "patch"]));
  });

  it("reads on a phone without accessibility violations, and prints on A4 with a page per chapter", async () => {
    const page = await browser.newPage({ viewport: "phone" });
    const url = new URL(app.baseUrl);
    await page.context().addCookies(
      session.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), domain: url.hostname, path: "/" };
      }),
    );
    await page.goto(`${app.baseUrl}/reports/2020`);
    await expect(page.getByRole("heading", { level: 2, name: "5 考察" }).isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, "reports-preview-phone");
    await page.emulateMedia({ media: "print" });
    const printed = await page.pdf({ format: "A4", preferCSSPageSize: true });
    writeFileSync(path.join(repoRoot, "test-results", "reports-preview-print.pdf"), printed);
    const pages = (printed.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(6);
  });
});

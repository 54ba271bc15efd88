/**
 * Issue 3, "How it is checked", against the built app as a child process: the API example, the
 * secretariat's records found by reading, a member contact's limits, an import with a bad row,
 * and every registry page at phone and desktop sizes with axe.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { writeCsv } from "../../core/files/csv.ts";
import { testDatabases } from "../support/databases.ts";
import {
  allowConsoleErrors,
  expectNoAxeViolations,
  screenshot,
  setUpSecretariat,
  useBrowser,
} from "../support/browser.ts";
import { type AppServer, linkIn, startAppServer, useAppServer } from "../support/server.ts";
import { MINIMAL_PDF } from "../support/minimal-pdf.ts";

async function tokenFor(app: AppServer, role: "secretariat" | "member", scopeId?: string): Promise<string> {
  const { token } = await createApiToken(
    { db: app.db(), clock: systemClock },
    { kind: "system", name: "community-e2e" },
    { name: `community ${role}`, role, scopeId },
  );
  return token;
}

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      ...(init.body ? { "Content-Type": "application/json" } : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), body: text ? JSON.parse(text) : null };
}

describe.each(testDatabases)("community registry API on %s", (kind) => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ database: kind, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers the issue's example: POST an organisation, then GET ?q=けいさつ finds it", async () => {
    const token = await tokenFor(app, "secretariat");
    const created = await api(app.baseUrl, "/api/v1/organisations", {
      token,
      body: {
        name: "長崎県警察本部",
        reading: "ながさきけんけいさつほんぶ",
        sector: "government",
        prefecture: "nagasaki",
        membership: "partner",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "長崎県警察本部", membership: "partner" });
    for (const q of ["けいさつ", "ｹｲｻﾂ"]) {
      const found = await api(app.baseUrl, `/api/v1/organisations?q=${encodeURIComponent(q)}`, { token });
      expect(found.status).toBe(200);
      expect(found.body.total).toBe(1);
      expect(found.body.items[0].id).toBe(created.body.id);
    }
    const bad = await api(app.baseUrl, "/api/v1/organisations", { token, body: { name: "", sector: "space" } });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["name", "sector"]);
    expect(bad.body.errors[0].message).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect((await api(app.baseUrl, "/api/v1/organisations")).status).toBe(401);

    const patched = await api(app.baseUrl, `/api/v1/organisations/${created.body.id}`, {
      method: "PATCH",
      token,
      body: { address: "長崎市宝栄町" },
    });
    expect(patched).toMatchObject({ status: 200, body: { address: "長崎市宝栄町" } });
    const member = await tokenFor(app, "member", created.body.id);
    const other = await api(app.baseUrl, "/api/v1/organisations", {
      token,
      body: { name: "トレンドマイクロ株式会社", reading: "とれんどまいくろ", sector: "industry" },
    });
    const refused = await api(app.baseUrl, "/api/v1/people", {
      token: member,
      body: { organisationId: other.body.id, familyName: "侵入" },
    });
    expect(refused.status).toBe(403);
    const own = await api(app.baseUrl, "/api/v1/people", {
      token: member,
      body: { organisationId: created.body.id, familyName: "課長", familyReading: "かちょう" },
    });
    expect(own.status).toBe(201);
    expect((await api(app.baseUrl, `/api/v1/organisations/${other.body.id}`, { token: member })).body).toMatchObject({
      access: "public",
    });
    expect(
      (await api(app.baseUrl, `/api/v1/organisations/${created.body.id}`, { method: "DELETE", token: member })).status,
    ).toBe(403);
    expect(
      (await api(app.baseUrl, `/api/v1/organisations/${other.body.id}`, { method: "DELETE", token })).body,
    ).toEqual({ id: other.body.id, deleted: true });
  });

  it("imports through the API as the page does: CP932 from Excel, labels, a preview naming row and field, then confirm", async () => {
    const token = await tokenFor(app, "secretariat");
    const post = (path: string, bytes: Uint8Array, language = "ja") => {
      const form = new FormData();
      form.set("file", new File([Buffer.from(bytes)], "団体.csv"));
      return fetch(`${app.baseUrl}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Accept-Language": language },
        body: form,
      });
    };
    const rows = [
      ["名称", "区分", "都道府県", "従業員数", "会員区分"],
      ["API髙﨑①商事", "産", "長崎県", "6〜20人", "会員"],
      ["API宇宙", "産", "火星", "", ""],
    ];
    const bad = await post("/api/v1/registry-imports?kind=organisations", writeCsv(rows, { encoding: "cp932" }));
    expect(bad.status).toBe(422);
    const refused = await bad.json();
    expect(refused.rows[1]).toMatchObject({
      line: 3,
      errors: [{ field: "prefecture", code: "community-import-value", message: expect.stringContaining("火星") }],
    });
    const good = await post(
      "/api/v1/registry-imports?kind=organisations",
      writeCsv(rows.slice(0, 2), { encoding: "cp932" }),
    );
    expect(good.status).toBe(200);
    const preview = await good.json();
    expect(preview.rows[0].input).toMatchObject({
      name: "API髙﨑①商事",
      sector: "industry",
      prefecture: "nagasaki",
      sizeBand: "6-20",
      membership: "member",
    });
    const confirmed = await api(app.baseUrl, "/api/v1/registry-imports/confirm", {
      token,
      body: { token: preview.token },
    });
    expect(confirmed).toMatchObject({ status: 200, body: { kind: "organisations", created: 1 } });
    const again = await api(app.baseUrl, "/api/v1/registry-imports/confirm", { token, body: { token: preview.token } });
    expect(again.status).toBe(409);
    const found = await api(app.baseUrl, `/api/v1/organisations?q=${encodeURIComponent("髙﨑")}`, { token });
    expect(found.body.items[0]).toMatchObject({ name: "API髙﨑①商事", prefecture: "nagasaki" });

    // A survey's Google Forms export goes through the same door: a real US export, read in New York time.
    const survey = await api(app.baseUrl, "/api/v1/surveys", {
      token,
      body: {
        title: "Hot dogs",
        definition: {
          pages: [
            {
              name: "p1",
              elements: [
                { type: "radiogroup", name: "year", title: "What year are you in?", choices: ["1", "2", "3", "4"] },
                { type: "radiogroup", name: "sandwich", title: "Is hotdog a sandwich?", choices: ["Yes", "No"] },
              ],
            },
          ],
        },
      },
    });
    expect(survey.status).toBe(201);
    const fixture = readFileSync(new URL("../fixtures/real/google-forms/us-hotdog-fa25.csv", import.meta.url));
    const imported = await post(
      `/api/v1/surveys/${survey.body.id}/imports?commit=true&timeZone=America/New_York`,
      new Uint8Array(fixture),
      "en",
    );
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      rows: 27,
      imported: 27,
      timeZone: "America/New_York",
      completedRange: { first: "2025-08-29T21:17:57.000Z", last: "2025-09-01T16:18:42.000Z" },
    });
    const unknownZone = await post(`/api/v1/surveys/${survey.body.id}/imports?timeZone=Mars`, new Uint8Array(fixture));
    expect(unknownZone.status).toBe(422);
  });

  it("stores an agreement's signed document by its sniffed type and authorises every download", async () => {
    const token = await tokenFor(app, "secretariat");
    const party = await api(app.baseUrl, "/api/v1/organisations", {
      token,
      body: { name: "長崎大学", reading: "ながさきだいがく", sector: "academia" },
    });
    const agreement = await api(app.baseUrl, "/api/v1/agreements", {
      token,
      body: {
        title: "連携協定",
        signedOn: "2017-01-24",
        parties: [{ organisationId: party.body.id, signatoryTitle: "学長" }],
      },
    });
    expect(agreement.status).toBe(201);
    const upload = (name: string, bytes: string) => {
      const form = new FormData();
      form.set("file", new File([bytes], name));
      return fetch(`${app.baseUrl}/api/v1/agreements/${agreement.body.id}/attachments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      });
    };
    const disguised = await upload("協定書.pdf", "<html><script>alert(1)</script></html>");
    expect(disguised.status).toBe(422);
    // A header alone is refused: uploads are opened on arrival.
    expect((await upload("協定書.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")).status).toBe(422);
    const pdf = MINIMAL_PDF;
    const stored = await upload("協定書.pdf", pdf);
    expect(stored.status).toBe(201);
    const attachment = (await stored.json()).attachments[0];
    expect(attachment).toMatchObject({ fileName: "協定書.pdf", contentType: "application/pdf" });
    const url = `${app.baseUrl}/api/v1/agreements/${agreement.body.id}/attachments/${attachment.id}`;
    const download = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("UTF-8''%E5%8D%94%E5%AE%9A%E6%9B%B8.pdf");
    expect(await download.text()).toBe(pdf);
    expect((await fetch(url)).status).toBe(401);
    const member = await tokenFor(app, "member", party.body.id);
    expect((await fetch(url, { headers: { Authorization: `Bearer ${member}` } })).status).toBe(403);
  });

  it("lists every resource as {items,total} and documents it in OpenAPI", async () => {
    const token = await tokenFor(app, "secretariat");
    for (const resource of [
      "organisations",
      "people",
      "agreements",
      "groups",
      "meetings",
      "activities",
      "meetings/decisions",
    ]) {
      const list = await api(app.baseUrl, `/api/v1/${resource}?limit=5`, { token });
      expect(list.status, resource).toBe(200);
      expect(list.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
    }
    const doc = await api(app.baseUrl, "/api/openapi.json");
    for (const path of [
      "/api/v1/organisations",
      "/api/v1/organisations/{id}",
      "/api/v1/people",
      "/api/v1/agreements/{id}",
      "/api/v1/groups",
      "/api/v1/meetings/{id}",
      "/api/v1/activities",
      "/api/v1/agreements/{id}/attachments",
    ]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
  });
});

const admin = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "office@nisa.example.jp",
  password: "出島の夜景は百万ドル 2021",
};
const contact = { name: "亀山 太郎", email: "taro@kameyama.example.jp" };
const lead = { name: "村上 誠", email: "murakami@nisa.example.jp" };

/** Types into the list page's search box and submits it, as a user would (a GET form). */
async function search(page: Page, baseUrl: string, path: string, q: string) {
  await page.goto(`${baseUrl}${path}`);
  const details = page.locator("details.filter-box");
  if ((await details.count()) && !(await details.evaluate((d: HTMLDetailsElement) => d.open)))
    await details.locator("summary").click();
  await page.locator('input[name="q"]').fill(q);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("q") === q),
    page.getByRole("button", { name: "検索", exact: true }).click(),
  ]);
  return page.locator("main").textContent();
}

describe.each(testDatabases)("the registry in the browser on %s", (database) => {
  const app = useAppServer({ database, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
  const browser = useBrowser();
  const state: { admin?: Page; token?: string; ids: Record<string, string> } = { ids: {} };

  /** The secretariat invites someone with a scoped role; they accept on a phone and are signed in. */
  async function invited(
    who: { name: string; email: string },
    role: "member" | "group-lead",
    scopeId: string,
  ): Promise<Page> {
    const page = state.admin!;
    await page.goto(`${app.baseUrl}/secretariat/invitations`);
    // Choices are made once the page's scripts have loaded, and checked before sending.
    await page.waitForLoadState("networkidle");
    await page.locator('input[name="email"]').fill(who.email);
    await page.locator('input[name="name"]').fill(who.name);
    await page.locator('select[name="role"]').selectOption(role);
    // The organisation or group is chosen by name from the registry's list (its id is the value).
    await page.locator('select[name="scopeId"]').selectOption(scopeId);
    expect(await page.locator('select[name="role"]').inputValue()).toBe(role);
    await page.getByRole("button", { name: "招待メールを送信" }).click();
    const mail = await app.latestMailTo(who.email, { matching: /\/invite\// });
    const invitee = await browser.newPage({ viewport: "phone" });
    await invitee.goto(linkIn(mail, `${app.baseUrl}/invite/`));
    // A new account chooses its password on acceptance (the link alone signs nobody in).
    await invitee.locator('input[name="newPassword"]').fill("招待された人のパスワード 2021");
    await invitee.locator('input[name="passwordConfirm"]').fill("招待された人のパスワード 2021");
    await invitee.getByRole("button", { name: "承諾してログイン" }).click();
    await invitee.waitForURL((url) => !url.pathname.startsWith("/invite"));
    return invitee;
  }

  it("the secretariat records an agreement with three parties, a working group with a 部会長 and a vacant key person, a meeting with two decisions, and finds each by reading", async () => {
    const page = (state.admin = await browser.newPage({ viewport: "phone" }));
    await setUpSecretariat(page, app.baseUrl, admin);
    state.token = await tokenFor(app, "secretariat");
    for (const [key, body] of Object.entries({
      pref: { name: "長崎県", reading: "ながさきけん", sector: "government", prefecture: "nagasaki" },
      university: {
        name: "長崎県立大学",
        reading: "ながさきけんりつだいがく",
        sector: "academia",
        prefecture: "nagasaki",
      },
      nisa: {
        name: "長崎県情報産業協会",
        reading: "ながさきけんじょうほうさんぎょうきょうかい",
        sector: "industry",
        prefecture: "nagasaki",
        membership: "member",
      },
      kameyama: {
        name: "株式会社亀山電機",
        reading: "かめやまでんき",
        sector: "industry",
        prefecture: "nagasaki",
        membership: "member",
      },
    })) {
      state.ids[key] = (await api(app.baseUrl, "/api/v1/organisations", { token: state.token, body })).body.id;
    }
    const lead = await api(app.baseUrl, "/api/v1/people", {
      token: state.token,
      body: {
        organisationId: state.ids.nisa,
        familyName: "村上",
        givenName: "誠",
        familyReading: "むらかみ",
        givenReading: "まこと",
        title: "部会長",
      },
    });
    state.ids.lead = lead.body.id;
    state.ids.otherPerson = (
      await api(app.baseUrl, "/api/v1/people", {
        token: state.token,
        body: { organisationId: state.ids.university, familyName: "大浦", familyReading: "おおうら" },
      })
    ).body.id;

    await page.goto(`${app.baseUrl}/community/agreements/new`);
    await page.locator('input[name="title"]').fill("サイバーセキュリティに関する相互協力協定");
    await page.locator('input[name="signedOn"]').fill("2017-01-24");
    for (const [i, [org, title]] of (
      [
        [state.ids.pref, "知事"],
        [state.ids.university, "学長"],
        [state.ids.nisa, "会長"],
      ] as const
    ).entries()) {
      await page.locator(`select[name="parties.${i}.organisationId"]`).selectOption(org!);
      await page.locator(`input[name="parties.${i}.signatoryTitle"]`).fill(title);
    }
    await Promise.all([
      page.waitForURL(/\/community\/agreements\/\w+\?saved=1/),
      page.getByRole("button", { name: "保存" }).click(),
    ]);
    await expect.poll(() => page.locator("main").textContent()).toContain("学長");

    await page.goto(`${app.baseUrl}/community/groups/new`);
    await page.locator('select[name="kind"]').selectOption("working-group");
    await page.locator('input[name="name"]').fill("情報セキュリティ部会");
    await page.locator('input[name="reading"]').fill("じょうほうせきゅりてぃぶかい");
    await page.locator('input[name="officers.0.role"]').fill("部会長");
    await page.locator('select[name="officers.0.personId"]').selectOption(state.ids.lead!);
    await page.locator('input[name="officers.1.role"]').fill("キーパーソン");
    await page.locator('select[name="members.0.organisationId"]').selectOption(state.ids.nisa!);
    await page.locator('select[name="members.1.organisationId"]').selectOption(state.ids.kameyama!);
    await Promise.all([
      page.waitForURL(/\/community\/groups\/\w+\?saved=1/),
      page.getByRole("button", { name: "保存" }).click(),
    ]);
    await expect.poll(() => page.locator("main").textContent()).toContain("未任命");
    expect(await page.locator("main").textContent()).toContain("村上 誠");

    await page.goto(`${app.baseUrl}/community/meetings/new`);
    await page.locator('input[name="title"]').fill("関係者会議");
    await page.locator('input[name="startsAt"]').fill("2021-02-09T15:00");
    await page.locator('input[name="onlineTool"]').fill("Webex");
    await page.locator('select[name="attendees.0.organisationId"]').selectOption(state.ids.pref!);
    await page.locator('input[name="attendees.0.label"]').fill("産業労働部 5名");
    await page.locator('select[name="attendees.1.personId"]').selectOption(state.ids.lead!);
    await page.locator('input[name="decisions.0.text"]').fill("情報を共有し、セミナーへの参加を相互に促進する");
    await page.locator('input[name="decisions.1.text"]').fill("講演資料は講師の承諾を得て会員内で公開する");
    await page.locator('select[name="decisions.1.ownerOrganisationId"]').selectOption(state.ids.nisa!);
    await page.locator('textarea[name="minutesMarkdown"]').fill("## 議事録\n- **情報共有**\n<script>alert(1)</script>");
    await Promise.all([
      page.waitForURL(/\/community\/meetings\/\w+\?saved=1/),
      page.getByRole("button", { name: "保存" }).click(),
    ]);
    state.ids.meeting = new URL(page.url()).pathname.split("/").at(-1)!;
    expect(await page.locator(".community-minutes strong").textContent()).toBe("情報共有");
    expect(await page.locator(".community-minutes").textContent()).toContain("<script>alert(1)</script>");
    expect(await page.locator(".community-minutes script").count()).toBe(0);
    expect(await page.locator("main").textContent()).toContain("村上 誠");
    // Saved again unchanged, the attendee recorded by person is still there.
    await page.goto(`${app.baseUrl}/community/meetings/${state.ids.meeting}/edit`);
    expect(await page.locator('select[name="attendees.1.personId"]').inputValue()).toBe(state.ids.lead);
    await Promise.all([
      page.waitForURL(/\/community\/meetings\/\w+\?saved=1/),
      page.getByRole("button", { name: "保存" }).click(),
    ]);
    const attendees = (await api(app.baseUrl, `/api/v1/meetings/${state.ids.meeting}`, { token: state.token })).body
      .attendees;
    expect(
      attendees.map((a: { organisationId: string | null; personId: string | null }) => [a.organisationId, a.personId]),
    ).toEqual([
      [state.ids.pref, null],
      [null, state.ids.lead],
    ]);

    expect(await search(page, app.baseUrl, "/community/agreements", "けんりつ")).toContain("相互協力協定");
    expect(await search(page, app.baseUrl, "/community/groups", "ｼﾞｮｳﾎｳｾｷｭﾘﾃｨ")).toContain("情報セキュリティ部会");
    expect(await search(page, app.baseUrl, "/community/meetings", "会議")).toContain("関係者会議");
    expect(await search(page, app.baseUrl, "/community/organisations", "かめやま")).toContain("株式会社亀山電機");
    expect(await search(page, app.baseUrl, "/community/people", "ムラカミ")).toContain("村上 誠");
    const register = await api(app.baseUrl, "/api/v1/meetings/decisions?status=open", { token: state.token });
    expect(register.body.total).toBe(2);
  });

  it("a member contact edits their own organisation and is refused another organisation's people", async () => {
    const member = await invited(contact, "member", state.ids.kameyama!);

    await member.goto(`${app.baseUrl}/community/organisations/${state.ids.kameyama}/edit`);
    expect(await member.locator('select[name="membership"]').count()).toBe(0);
    await member.locator('input[name="address"]').fill("長崎市出島町1-1");
    await Promise.all([member.waitForURL(/saved=1/), member.getByRole("button", { name: "保存" }).click()]);
    await expect.poll(() => member.locator("main").textContent()).toContain("長崎市出島町1-1");
    await expectNoAxeViolations(member);
    await screenshot(member, `community-${database}-member-own-organisation`);

    allowConsoleErrors(member, /403/);
    const refused = await member.goto(`${app.baseUrl}/community/people/${state.ids.otherPerson}`);
    expect(refused!.status()).toBe(403);
    const other = await member.goto(`${app.baseUrl}/community/organisations/${state.ids.university}`);
    expect(other!.status()).toBe(200);
    expect(await member.locator("main").textContent()).toContain("公開情報のみ");
    expect(await member.locator("main").textContent()).not.toContain("大浦");
    const edit = await member.goto(`${app.baseUrl}/community/organisations/${state.ids.university}/edit`);
    expect(edit!.status()).toBe(403);
  });

  it("a group lead finds their group's meetings from the group page, records one, and is refused the others", async () => {
    const group = (
      await api(app.baseUrl, `/api/v1/groups?q=${encodeURIComponent("情報セキュリティ部会")}`, { token: state.token })
    ).body.items[0].id as string;
    const leader = await invited(lead, "group-lead", group);

    await leader.goto(`${app.baseUrl}/community/groups/${group}`);
    await Promise.all([
      leader.waitForURL((url) => url.searchParams.get("groupId") === group),
      leader.getByRole("link", { name: "このグループの会議" }).click(),
    ]);
    // The list itself (its filter), not the group page the router is still showing.
    await leader.locator('select[name="groupId"]').waitFor();
    expect(await leader.locator("main").textContent()).not.toContain("関係者会議"); // the secretariat's meeting of no group
    await Promise.all([
      leader.waitForURL((url) => url.pathname === "/community/meetings/new"),
      leader.getByRole("link", { name: "新規登録" }).click(),
    ]);
    // The router changes the address before it renders the new page: until the form is there,
    // `select[name="groupId"]` is still the list's filter (all groups and "any"), which is what a
    // loaded CI machine saw.
    await leader.locator('input[name="title"]').waitFor();
    const groupChoices = await leader
      .locator('select[name="groupId"] option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(groupChoices).toEqual([group]);
    await leader.locator('input[name="title"]').fill("第1回 情報セキュリティ部会");
    await leader.locator('input[name="startsAt"]').fill("2021-03-02T15:00");
    await leader.locator('select[name="attendees.0.organisationId"]').selectOption(state.ids.kameyama!);
    await leader.locator('input[name="decisions.0.text"]').fill("次回までに各社の対策状況を共有する");
    await Promise.all([
      leader.waitForURL(/\/community\/meetings\/\w+\?saved=1/),
      leader.getByRole("button", { name: "保存" }).click(),
    ]);
    await expect.poll(() => leader.locator("main").textContent()).toContain("次回までに各社の対策状況を共有する");
    // The secretariat adds an attendee by person; the lead, who is not offered people, edits the
    // meeting and saves it: the person stays.
    const ownMeeting = new URL(leader.url()).pathname.split("/").at(-1)!;
    const patched = await api(app.baseUrl, `/api/v1/meetings/${ownMeeting}`, {
      method: "PATCH",
      token: state.token,
      body: { attendees: [{ organisationId: state.ids.kameyama }, { personId: state.ids.otherPerson }] },
    });
    expect(patched.status).toBe(200);
    await leader.goto(`${app.baseUrl}/community/meetings/${ownMeeting}/edit`);
    expect(await leader.locator('select[name="attendees.0.personId"]').count()).toBe(0);
    await Promise.all([
      leader.waitForURL(/\/community\/meetings\/\w+\?saved=1/),
      leader.getByRole("button", { name: "保存" }).click(),
    ]);
    const kept = (await api(app.baseUrl, `/api/v1/meetings/${ownMeeting}`, { token: state.token })).body.attendees;
    expect(
      kept.map((a: { organisationId: string | null; personId: string | null }) => [a.organisationId, a.personId]),
    ).toEqual([
      [state.ids.kameyama, null],
      [null, state.ids.otherPerson],
    ]);
    expect(await leader.locator("main").textContent()).toContain("株式会社亀山電機");
    expect(await leader.locator('input[name="confirm"]').count()).toBe(0); // removing stays the secretariat's
    await expectNoAxeViolations(leader);
    await screenshot(leader, `community-${database}-group-lead-meeting`);

    allowConsoleErrors(leader, /403/);
    expect((await leader.goto(`${app.baseUrl}/community/meetings/${state.ids.meeting}`))!.status()).toBe(403);
    expect((await leader.goto(`${app.baseUrl}/community/meetings/${state.ids.meeting}/edit`))!.status()).toBe(403);

    // The secretariat filters the meetings list by group: the lead's meeting, not the one of no group.
    const admin = state.admin!;
    await admin.goto(`${app.baseUrl}/community/meetings`);
    const details = admin.locator("details.filter-box");
    if ((await details.count()) && !(await details.evaluate((d: HTMLDetailsElement) => d.open)))
      await details.locator("summary").click();
    await admin.locator('select[name="groupId"]').selectOption(group);
    await Promise.all([
      admin.waitForURL((url) => url.searchParams.get("groupId") === group),
      admin.getByRole("button", { name: "検索", exact: true }).click(),
    ]);
    // (The URL changes a moment before React renders the filtered list: poll the text.)
    await expect.poll(() => admin.locator("main").textContent()).not.toContain("関係者会議");
    expect(await admin.locator("main").textContent()).toContain("第1回 情報セキュリティ部会");
    expect(await admin.locator('select[name="groupId"]').inputValue()).toBe(group);
  });

  it("an import with one bad row reports that row and writes nothing", async () => {
    const page = state.admin!;
    const before = (await api(app.baseUrl, "/api/v1/organisations?limit=1", { token: state.token })).body.total;
    await page.goto(`${app.baseUrl}/community/import`);
    const csv = writeCsv([
      ["名称", "よみがな", "区分", "都道府県"],
      ["長崎大学", "ながさきだいがく", "学", "nagasaki"],
      ["宇宙機構", "", "宇宙", ""],
      ["長崎総合科学大学", "ながさきそうごうかがくだいがく", "academia", "nagasaki"],
    ]);
    await page
      .locator('input[name="file"]')
      .setInputFiles({ name: "団体.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    allowConsoleErrors(page, /422/);
    await page.getByRole("button", { name: "内容を確認する" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("誤りのある行 1");
    const badRow = page.locator("tr.row-error");
    expect(await badRow.count()).toBe(1);
    expect(await badRow.locator("th").textContent()).toBe("3");
    expect(await badRow.textContent()).toContain("区分");
    expect(await page.getByRole("button", { name: /件を取り込む/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, `community-${database}-import-bad-row`);
    expect((await api(app.baseUrl, "/api/v1/organisations?limit=1", { token: state.token })).body.total).toBe(before);
  });

  it("reads a registry CSV saved by Japanese Excel (CP932); exports neutralise formulas and refuse what CP932 cannot hold", async () => {
    const page = state.admin!;
    await page.goto(`${app.baseUrl}/community/import`);
    const csv = writeCsv(
      [
        ["名称", "よみがな", "区分"],
        ["テスト情報協会", "てすとじょうほうきょうかい", "官"],
      ],
      { encoding: "cp932" },
    );
    await page
      .locator('input[name="file"]')
      .setInputFiles({ name: "団体.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "内容を確認する" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("テスト情報協会");
    expect(await page.locator("tr.row-error").count()).toBe(0);

    const created = await api(app.baseUrl, "/api/v1/organisations", {
      token: state.token,
      body: { name: "数式テスト", sector: "industry", notes: '=HYPERLINK("http://evil.example")' },
    });
    expect(created.status).toBe(201);
    const exported = await page.request.get(`${app.baseUrl}/community/export?kind=organisations&format=csv`);
    expect(exported.status()).toBe(200);
    const text = (await exported.body()).toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const sjis = await page.request.get(`${app.baseUrl}/community/export?kind=organisations&format=csv&encoding=cp932`);
    expect(sjis.status()).toBe(200);
    expect(sjis.headers()["content-type"]).toBe("text/csv; charset=shift_jis");
    await api(app.baseUrl, "/api/v1/organisations", {
      token: state.token,
      body: { name: "絵文字🍣テスト", sector: "industry" },
    });
    const refused = await page.request.get(
      `${app.baseUrl}/community/export?kind=organisations&format=csv&encoding=cp932`,
    );
    expect(refused.status()).toBe(422);
    expect(await refused.text()).toContain("🍣");
  });

  if (database === testDatabases[0]) {
    it("the phone menu closes when a tapped link navigates, with JavaScript (same document) and without", async () => {
      const page = await browser.newPage({ viewport: "phone", context: state.admin!.context() });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`${app.baseUrl}/community/organisations`);
      const menu = page.locator("details.menu");
      const nav = page.getByRole("navigation", { name: "メインメニュー" });
      await menu.locator("> summary").click();
      await expect.poll(() => nav.isVisible()).toBe(true);
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      // The secretariat's seminars are a group of links: opened first, then closed with the menu.
      await nav.locator("summary", { hasText: "セミナー" }).click();
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/events"),
        nav.getByRole("link", { name: "セミナー・イベント" }).click(),
      ]);
      await expect.poll(() => page.locator("main h1").first().textContent()).toContain("セミナー");
      expect(
        await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
        "a client-side navigation, not a page load",
      ).toBe(true);
      await expect.poll(() => menu.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
      expect(await nav.isVisible()).toBe(false);
      expect(await nav.locator("details[open]").count()).toBe(0);
      // and the menu still opens and navigates after that
      await menu.locator("> summary").click();
      await expect.poll(() => nav.isVisible()).toBe(true);
      await nav.locator("summary", { hasText: "コミュニティ" }).click();
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/community"),
        nav.getByRole("link", { name: "概要" }).click(),
      ]);
      await expect.poll(() => menu.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
      await page.close();

      const scriptless = await browser.newPage({ viewport: "phone", javaScript: false });
      await scriptless.goto(`${app.baseUrl}/`);
      const plainMenu = scriptless.locator("details.menu");
      await plainMenu.locator("> summary").click();
      const plainNav = scriptless.getByRole("navigation", { name: "メインメニュー" });
      expect(await plainNav.isVisible()).toBe(true);
      await Promise.all([
        scriptless.waitForURL((url) => url.pathname === "/events"),
        plainNav.getByRole("link", { name: "セミナー" }).click(),
      ]);
      expect(await plainMenu.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
      expect(await plainNav.isVisible()).toBe(false);
    });
  }
});

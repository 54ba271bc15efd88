/**
 * Issue 13, items 7 and 13, against the built app with its rate limits on: who counts as
 * "someone" for the limits (only a valid session or token), the per-client and per-mailbox
 * limits of public registrations and survey answers, and the 4xx the edge gives malformed
 * requests (a path that does not decode, a malformed language cookie, a page post that is not a
 * form, a redirect target with a newline) instead of a 500.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { firstRun } from "./http-session.ts";

const ADMIN = {
  community: "長崎地域SECURITY",
  name: "事務局",
  email: "jimukyoku@edge.example.jp",
  password: "edge-test-password-2021",
};

describe.each(testDatabases)("the HTTP edge on %s", (kind) => {
  let app: AppServer;
  let token: string;
  let sessionCookie: string;

  beforeAll(async () => {
    app = await startAppServer({ database: kind, env: { CHIIKI_WORKER: "off" } });
    sessionCookie = (await firstRun(app.baseUrl, ADMIN)).cookie;
    token = (
      await createApiToken(
        { db: app.db(), clock: systemClock },
        { kind: "system", name: "edge-e2e" },
        { name: "edge e2e", role: "secretariat" },
      )
    ).token;
  });
  afterAll(async () => {
    await app?.stop();
  });
  // Each test starts with fresh limits (they are rows in the app's database).
  beforeEach(async () => {
    await app.db().deleteFrom("rate_limits").execute();
  });

  const newEvent = async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: "地域情報セキュリティセミナー",
        startsAt: "2099-01-27T15:00:00+09:00",
        endsAt: "2099-01-27T17:00:00+09:00",
        audience: "public",
        seatTypes: [{ key: "venue", label: "会場", capacity: 500, waitlist: true }],
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const mailsTo = async (pattern: string) =>
    (await app.db().selectFrom("outbox_messages").select("to_address").where("to_address", "like", pattern).execute())
      .length;

  it("a junk session cookie, a forged X-Forwarded-For or a junk Authorization header leave a registration flood anonymous: limited, and no mail past the limit", async () => {
    const eventId = await newEvent();
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const response = await fetch(`${app.baseUrl}/api/v1/events/${eventId}/registrations`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Cookie: "chiiki.session_token=junk",
          Origin: app.baseUrl,
          "X-Forwarded-For": `198.51.100.${i}`,
        },
        body: JSON.stringify({ name: "参加 太郎", email: `flood${i}@victim.example`, seatType: "venue" }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(((await response.json()) as { title: string }).title).toContain("試行回数が多すぎます");
      } else await response.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(await mailsTo("flood%@victim.example")).toBe(20);

    // The page's form, with a bearer token nobody issued: the same client, still limited.
    const page = await fetch(`${app.baseUrl}/events/${eventId}/register`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Bearer chiiki_junk" },
      body: new URLSearchParams({ name: "参加 花子", email: "page@victim.example", seatType: "venue" }),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("試行回数が多すぎます");
    expect(await mailsTo("page@victim.example")).toBe(0);

    // A valid token is someone: the anonymous limits do not apply to it.
    const signedIn = await fetch(`${app.baseUrl}/api/v1/events/${eventId}/registrations`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "参加 次郎", email: "jiro@member.example", seatType: "venue" }),
    });
    expect(signedIn.status).toBe(201);
  });

  it("one mailbox gets at most 5 registration mails an hour, whatever +tag the address carries", async () => {
    const events = [await newEvent(), await newEvent(), await newEvent()];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${app.baseUrl}/api/v1/events/${events[i % 3]}/registrations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "標的", email: `target+${i}@victim.example`, seatType: "venue" }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(await mailsTo("target+%@victim.example")).toBe(5);
  });

  it("survey answers are limited per client, a junk cookie changing nothing", async () => {
    const surveyId = (
      await createSurvey(
        { db: app.db(), dialect: app.dialect, clock: systemClock, baseUrl: app.baseUrl },
        { kind: "system", name: "edge-e2e" },
        {
          title: "実態把握調査",
          template: "regional-standard",
          talks: [],
        },
      )
    ).id;
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await fetch(`${app.baseUrl}/api/v1/surveys/${surveyId}/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: "chiiki.session_token=junk.junk", Origin: app.baseUrl },
        body: JSON.stringify({ answers: {} }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.slice(0, 60).includes(429)).toBe(false);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });

  it("answers malformed requests with a clear 4xx, never a 500: HTML for pages, problem+json for the API", async () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${app.baseUrl}${path}`, { redirect: "manual", headers });
    for (const path of ["/%ZZ", "/events/%ZZ", "/s/%E0%A4%A", "/posts/%"]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("URL の形式が正しくありません");
    }
    const api = await get("/api/v1/events/%ZZ/registrations");
    expect(api.status).toBe(400);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await api.json()).toMatchObject({
      status: 400,
      code: "malformed-url",
      title: expect.stringContaining("URL の形式"),
    });

    // A language cookie that does not decode is ignored, on every page.
    for (const cookie of ["chiiki_lang=%E0%A4%A", "chiiki_lang=%", "chiiki_lang=%ZZ; chiiki.session_token=%"]) {
      expect([cookie, (await get("/sign-in", { Cookie: cookie })).status]).toEqual([cookie, 200]);
    }
    // No malformed Cookie header is ever a 500: pages, the answering page's resume cookie, the API.
    const malformed = ["%", "=;;=;", 'chiiki_lang="unterminated', "chiiki_sr_x=%E0%A4%A; chiiki.session_token=%ZZ"];
    for (const path of ["/", "/s/01unknownsurvey", "/api/v1/me"]) {
      for (const cookie of malformed) {
        const status = (await get(path, { Cookie: cookie })).status;
        expect([path, cookie, status < 500]).toEqual([path, cookie, true]);
      }
    }

    // A page action given anything but a form.
    const post = (path: string, method: string, type: string | null, body?: string) =>
      fetch(`${app.baseUrl}${path}`, {
        method,
        redirect: "manual",
        headers: { Origin: app.baseUrl, Cookie: sessionCookie, ...(type ? { "Content-Type": type } : {}) },
        body,
      });
    for (const [method, type, body] of [
      ["POST", "text/plain", "email=a@b.jp"],
      ["POST", "application/json", '{"email":"a@b.jp"}'],
      ["POST", "multipart/form-data", "--x--"],
      ["PUT", null, undefined],
      ["PATCH", null, undefined],
      ["POST", null, "x"],
    ] as const) {
      const response = await post(method === "PUT" ? "/lang" : "/secretariat/invitations", method, type, body);
      expect([method, type, response.status]).toEqual([method, type, 415]);
      expect(await response.text()).toContain("この送信形式には対応していません");
    }
    const broken = await post(
      "/secretariat/invitations",
      "POST",
      "multipart/form-data; boundary=zz",
      '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end',
    );
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("フォームの送信内容を読み取れませんでした");

    // A redirect target with a newline (or a tab before a second slash) stays on the site.
    for (const redirectTo of ["/\r\nSet-Cookie: x=1", "/\t/evil.example"]) {
      const back = await fetch(`${app.baseUrl}/lang`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ locale: "en", redirectTo }),
      });
      expect([redirectTo, back.status, back.headers.get("location")]).toEqual([redirectTo, 302, "/"]);
    }

    // NUL is no text of ours, in a path, a query, a JSON body or a form (PostgreSQL failed on it with a 500).
    const bearer = { Authorization: `Bearer ${token}` };
    for (const path of ["/api/v1/meetings/%00", "/events/%00/calendar.ics", "/api/v1/organisations?q=%00"]) {
      expect([path, (await get(path, bearer)).status]).toEqual([path, 400]);
    }
    const json = await fetch(`${app.baseUrl}/api/v1/organisations`, {
      method: "POST",
      headers: { ...bearer, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "株式会社\u0000出島" }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: "invalid-text", title: expect.stringContaining("NUL") });
    const form = await post("/secretariat/invitations", "POST", "application/x-www-form-urlencoded", "email=a%00@b.jp");
    expect(form.status).toBe(400);

    // `//host/…` is a path of this site, not another host.
    const doubled = await get("//evil.example/events");
    expect(doubled.status).toBe(404);
  });
});

describe("behind a proxy (CHIIKI_TRUST_PROXY=1)", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ env: { CHIIKI_WORKER: "off", CHIIKI_TRUST_PROXY: "1" } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("counts the address the proxy appended, whatever the client wrote before it", async () => {
    // The test is the proxy: it appends the client's address (203.0.113.7) to what the client sent.
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await fetch(`${app.baseUrl}/lang`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": `198.51.100.${i}, 10.0.0.${i}, 203.0.113.7`,
        },
        body: new URLSearchParams({ locale: "en", redirectTo: "/" }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.slice(0, 60).includes(429)).toBe(false);
    expect(statuses.slice(60)).toEqual([429, 429]);
    const other = await fetch(`${app.baseUrl}/lang`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.8" },
      body: new URLSearchParams({ locale: "en", redirectTo: "/" }),
    });
    expect(other.status).not.toBe(429);
  });
});

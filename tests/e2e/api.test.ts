/**
 * The JSON API and the security baseline, against the running built app: who `/api/v1/me` says
 * the caller is (session cookie, bearer token from the CLI, revoked and unknown tokens), the
 * OpenAPI 3.1 document, CSRF refusal, and the security headers (HSTS only behind https).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { apiEndpoints } from "../../app/api/index.ts";
import { testDatabases } from "../support/databases.ts";
import { useAppServer } from "../support/server.ts";
import { firstRun, type HttpSession } from "./http-session.ts";

const account = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "hanako@nagasaki-security.example.jp",
  password: "出島の夜景は百万ドル 2021",
};

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** The parts of OpenAPI 3.1's structure every consumer relies on. */
const openApiShape = {
  type: "object",
  required: ["openapi", "info", "paths"],
  properties: {
    openapi: { const: "3.1.0" },
    info: {
      type: "object",
      required: ["title", "version"],
      properties: { title: { type: "string", minLength: 1 }, version: { type: "string", minLength: 1 } },
    },
    paths: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^/api/" },
      additionalProperties: {
        type: "object",
        minProperties: 1,
        propertyNames: { enum: [...METHODS, "parameters", "summary", "description", "servers"] },
        patternProperties: { [`^(${METHODS.join("|")})$`]: { $ref: "#/$defs/operation" } },
      },
    },
    components: {
      type: "object",
      properties: {
        schemas: { type: "object", additionalProperties: { type: ["object", "boolean"] } },
        securitySchemes: { type: "object", additionalProperties: { type: "object", required: ["type"] } },
      },
    },
  },
  $defs: {
    operation: {
      type: "object",
      required: ["responses"],
      properties: {
        summary: { type: "string" },
        responses: {
          type: "object",
          minProperties: 1,
          propertyNames: { pattern: "^([1-5]XX|[1-5][0-9]{2}|default)$" },
          additionalProperties: {
            type: "object",
            required: ["description"],
            properties: { content: { type: "object", additionalProperties: { type: "object", required: ["schema"] } } },
          },
        },
        parameters: {
          type: "array",
          items: {
            type: "object",
            required: ["name", "in"],
            properties: { in: { enum: ["query", "header", "path", "cookie"] } },
          },
        },
        requestBody: { type: "object", required: ["content"] },
        security: { type: "array" },
      },
    },
  },
};

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

describe.each(testDatabases)("the API and the security baseline (%s)", (database) => {
  const app = useAppServer({ database });
  const state: { session?: HttpSession } = {};

  const me = (headers: Record<string, string> = {}) => fetch(`${app.baseUrl}/api/v1/me`, { headers });

  it("GET /api/v1/me without credentials is a 401 problem document", async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.json()).toMatchObject({
      status: 401,
      code: "unauthenticated",
      title: "ログインが必要です。",
    });
    const english = await me({ "accept-language": "en" });
    expect((await english.json()).code).toBe("unauthenticated");
  });

  it("answers the session of the first-run account with who it is", async () => {
    state.session = await firstRun(app.baseUrl, account);
    const response = await me({ cookie: state.session.cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: "user",
      name: account.name,
      email: account.email,
      roles: [{ role: "secretariat", scopeType: "global", scopeId: null }],
      twoFactorEnabled: false,
    });
  });

  it("answers a bearer token from `chiiki token create`, and refuses it once revoked, or unknown", async () => {
    const created = await app.runCli(["token", "create", "--role", "secretariat", "--name", "集計スクリプト"]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^chiiki_\S+$/);

    const withToken = await me({ authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    const body = await withToken.json();
    expect(body).toMatchObject({
      kind: "token",
      name: "集計スクリプト",
      email: null,
      roles: [{ role: "secretariat" }],
    });

    const revoked = await app.runCli(["token", "revoke", body.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const afterRevoke = await me({ authorization: `Bearer ${token}` });
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get("www-authenticate")).toMatch(/invalid_token/);

    for (const bad of [`Bearer chiiki_${"x".repeat(43)}`, "Bearer not-a-token", "Basic dXNlcjpwYXNz"]) {
      const response = await me({ authorization: bad });
      expect(response.status, bad).toBe(401);
      expect((await response.json()).code).toBe("unauthenticated");
    }
    // A bad token is never silently replaced by the cookie sent alongside it.
    expect((await me({ authorization: "Bearer chiiki_unknown", cookie: state.session!.cookie })).status).toBe(401);
  });

  it("/api/openapi.json is an OpenAPI 3.1 document whose schemas all compile", async () => {
    const response = await fetch(`${app.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();

    const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    addFormats.default(ajv);
    const validShape = ajv.compile(openApiShape);
    expect(validShape(doc), ajv.errorsText(validShape.errors, { separator: "\n" })).toBe(true);
    expect(doc.paths["/api/v1/me"]?.get?.responses).toHaveProperty("200");

    // Every endpoint the server routes (the API's table) is documented, with its method.
    const undocumented = apiEndpoints
      .filter((endpoint) => !doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()])
      .map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(apiEndpoints.length).toBeGreaterThan(70);
    expect(undocumented).toEqual([]);

    // Every schema in the document is a JSON Schema 2020-12 that Ajv can compile, references included.
    ajv.addSchema(doc, "openapi.json");
    const problems: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
          .filter((p: any) => p.in === "path")
          .map((p: any) => p.name);
        for (const name of templated)
          if (!declared.includes(name)) problems.push(`${where}: path parameter {${name}} is not declared`);
        if (!Object.keys(operation.responses).some((status) => /^2/.test(status)))
          problems.push(`${where}: no success response`);
        if ((operation.security ?? doc.security ?? []).length > 0 && !operation.responses["401"])
          problems.push(`${where}: needs credentials but documents no 401`);
        const schemas: [string, string[]][] = [];
        for (const [status, r] of Object.entries<any>(operation.responses)) {
          for (const type of Object.keys(r.content ?? {}))
            schemas.push([
              `${status} ${type}`,
              ["paths", path, method, "responses", status, "content", type, "schema"],
            ]);
        }
        for (const type of Object.keys(operation.requestBody?.content ?? {}))
          schemas.push([`body ${type}`, ["paths", path, method, "requestBody", "content", type, "schema"]]);
        for (const [label, at] of schemas) {
          try {
            ajv.compile({ $ref: `openapi.json#/${pointer(...at)}` });
          } catch (error) {
            problems.push(`${where} ${label}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("refuses a cookie-authenticated POST from a foreign origin with a 403 (an HTML page for a page, problem+json for the API)", async () => {
    const session = state.session!;
    const foreign = await session.post("/lang", { locale: "en", redirectTo: "/" }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await foreign.text()).toContain("別のサイトからの送信と判断したため受け付けませんでした");
    const foreignApi = await session.post("/api/v1/me", {}, { origin: "https://evil.example" });
    expect(foreignApi.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await foreignApi.json()).toMatchObject({ status: 403, code: "csrf-rejected" });

    // Without Origin, the browser's Sec-Fetch-Site decides.
    const crossSite = await fetch(`${app.baseUrl}/lang`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: session.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "cross-site",
      },
      body: "locale=en&redirectTo=/",
    });
    expect(crossSite.status).toBe(403);

    // The same request from our own pages goes through.
    const own = await session.post("/lang", { locale: "ja", redirectTo: "/" });
    expect(own.status).toBe(302);
  });

  it("sends a strict CSP with a fresh nonce on every page, and the other security headers", async () => {
    const first = await fetch(`${app.baseUrl}/sign-in`);
    const second = await fetch(`${app.baseUrl}/sign-in`);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc =
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src")) ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
    // Every inline script carries this response's nonce, or the browser would refuse it.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);

    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(first.headers.get("x-powered-by")).toBeNull();
  });

  it("keeps the session cookie away from scripts and other sites", async () => {
    const response = await fetch(`${app.baseUrl}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.baseUrl },
      body: new URLSearchParams({ email: account.email, password: account.password, redirectTo: "/" }),
    });
    expect(response.status).toBe(302);
    const session = response.headers.getSetCookie().find((c) => c.startsWith("chiiki.session_token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });
});

describe("behind an https reverse proxy, as the README configures it", () => {
  const app = useAppServer({ baseUrl: (port) => `https://127.0.0.1:${port}`, env: { CHIIKI_TRUST_PROXY: "1" } });
  // What nginx adds in front of the app (README, "Behind a reverse proxy").
  const proxied = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" };

  it("sends HSTS, accepts the forms, and marks the session cookie Secure", async () => {
    const page = await fetch(`http://127.0.0.1:${app.port}/sign-in`, { headers: proxied });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);

    const setup = await fetch(`http://127.0.0.1:${app.port}/setup`, {
      method: "POST",
      redirect: "manual",
      headers: { ...proxied, "content-type": "application/x-www-form-urlencoded", origin: app.baseUrl },
      body: new URLSearchParams(account),
    });
    expect(setup.status, await setup.clone().text()).toBe(302);
    const cookies = setup.headers.getSetCookie();
    const session = cookies.find((c) => /^__Secure-chiiki\.session_token=/.test(c));
    expect(session, cookies.join("\n")).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
  });
});

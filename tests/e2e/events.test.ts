/**
 * Issue 4, "How it is checked", against the built app as child processes.
 *
 * Load: ≥ 500 simultaneous registrations for 30 + 50 seats give exactly 80 confirmed and the rest
 * waitlisted in arrival order, no 5xx — on SQLite (one process) and on PostgreSQL with two app
 * processes sharing the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer } from "../support/server.ts";

const REGISTRATIONS = 520;

async function secretariatToken(app: AppServer): Promise<string> {
  const { token } = await createApiToken({ db: app.db(), clock: systemClock }, { kind: "system", name: "events-e2e" }, { name: "events e2e", role: "secretariat" });
  return token;
}

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe.each(testDatabases)("registration under load on %s", (kind) => {
  const servers: AppServer[] = [];
  beforeAll(async () => {
    servers.push(await startAppServer({ database: kind, rateLimits: false, env: { CHIIKI_WORKER: "off" } }));
    if (kind === "postgres") servers.push(await startAppServer({ databaseUrl: servers[0]!.databaseUrl, rateLimits: false, env: { CHIIKI_WORKER: "off" } }));
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
        seatTypes: [{ key: "venue", label: "会場", capacity: 30, waitlist: true }, { key: "online", label: "オンライン", capacity: 50, waitlist: true }],
      },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;

    const results = await Promise.all(
      Array.from({ length: REGISTRATIONS }, (_, i) =>
        api(servers[i % servers.length]!.baseUrl, `/api/v1/events/${eventId}/registrations`, {
          body: { name: `参加者 ${i}`, email: `load${i}@example.jp`, seatType: i % 2 ? "online" : "venue", organisation: "長崎工業会" },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 201)).toBe(true);

    for (const [key, capacity] of [["venue", 30], ["online", 50]] as const) {
      const mine = results.map((r) => r.body).filter((b) => b.seatType === key);
      expect(mine.filter((b) => b.status === "confirmed")).toHaveLength(capacity);
      const positions = mine.filter((b) => b.status === "waitlisted").map((b) => b.waitlistPosition as number).sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: REGISTRATIONS / 2 - capacity }, (_, i) => i + 1));
    }

    // In registration order, each seat type's first `capacity` are the confirmed, then the
    // waitlist follows in the same order, numbered as each registrant was told.
    const listed = [];
    for (let offset = 0; offset < REGISTRATIONS; offset += 200) {
      const page = await api(first!.baseUrl, `/api/v1/events/${eventId}/registrations?limit=200&offset=${offset}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(REGISTRATIONS);
      listed.push(...page.body.items);
    }
    const told = new Map(results.map((r) => [r.body.id, r.body.waitlistPosition ?? null]));
    for (const [key, capacity] of [["venue", 30], ["online", 50]] as const) {
      const inOrder = listed.filter((r) => r.seatType === key);
      expect(inOrder.slice(0, capacity).every((r) => r.status === "confirmed")).toBe(true);
      expect(inOrder.slice(capacity).every((r) => r.status === "waitlisted")).toBe(true);
      expect(inOrder.slice(capacity).map((r) => r.waitlistPosition)).toEqual(inOrder.slice(capacity).map((_, i) => i + 1));
      expect(inOrder.slice(capacity).map((r) => told.get(r.id))).toEqual(inOrder.slice(capacity).map((_, i) => i + 1));
    }
    expect(listed.map((r) => r.arrival)).toEqual(listed.map((_, i) => i + 1));

    // The same e-mail again is a 409 with a message naming the field.
    const again = await api(servers.at(-1)!.baseUrl, `/api/v1/events/${eventId}/registrations`, { body: { name: "再送", email: "LOAD7@example.jp", seatType: "venue" } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", errors: [{ field: "email", code: "events-already-registered" }] });
    expect(again.body.errors[0].message).toContain("既にお申し込み");
  });
});

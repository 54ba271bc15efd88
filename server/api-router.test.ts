import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { created, defineEndpoint, type Endpoint, serve } from "../app/api/endpoint.ts";
import type { RequestState } from "../app/context.ts";
import { anonymous } from "../core/accounts/actor.ts";
import { AppError } from "../core/shared/errors.ts";
import { PUBLIC_WRITES } from "../core/shared/rate-limit.ts";
import { apiRouter, expressPath } from "./api-router.ts";
import { refuse } from "./refusal.ts";

const seen: unknown[] = [];
const admitted: unknown[] = [];
const endpoints: Endpoint[] = [
  serve(
    defineEndpoint({
      method: "GET",
      path: "/api/v1/items/{id}",
      summary: "One item",
      access: "public",
      query: z.object({ full: z.enum(["yes", "no"]).optional() }),
      responses: { 200: { description: "The item" } },
    }),
    ({ params, query, request }) => (seen.push({ params, query, url: request.url }), { id: params.id }),
  ),
  serve(
    defineEndpoint({
      method: "POST",
      path: "/api/v1/items/{id}",
      summary: "Save an item",
      access: "public",
      publicWrite: PUBLIC_WRITES.registration,
      body: z.object({ name: z.string().min(1) }),
      responses: { 201: { description: "Saved" } },
    }),
    ({ params, body }) => {
      if (body.name === "taken") throw new AppError("already-registered");
      return created({ id: params.id, name: body.name }, `/api/v1/items/${params.id}`);
    },
  ),
  serve(
    defineEndpoint({
      method: "GET",
      path: "/api/v1/secret",
      summary: "The secretariat's",
      access: "secretariat",
      responses: { 200: { description: "A secret" } },
    }),
    () => ({ secret: true }),
  ),
];

let base = "";
let close = () => {};
beforeAll(async () => {
  const app = express();
  const logger = { error: () => {} };
  const state = async () =>
    ({ actor: anonymous, invalidToken: false, services: { logger } }) as unknown as RequestState;
  app.use(
    "/api",
    apiRouter(endpoints, () => ({ openapi: "3.1.0" }), {
      originOf: () => "http://chiiki.test",
      maxBodyBytes: 1000,
      refuse,
      admit: async (_req, _res, _headers, publicWrite) => (admitted.push(publicWrite ?? null), true),
      state,
    }),
  );
  app.use((_req, res) => res.status(200).send("page"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const post = (path: string, body: string, type = "application/json") =>
  fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": type }, body });

describe("the API's table routes each call to its endpoint", () => {
  it("turns an OpenAPI path into an Express one", () => {
    expect(expressPath("/api/v1/events/{id}/seat-types/{key}")).toBe("/v1/events/:id/seat-types/:key");
  });

  it("gives a handler its decoded params, its parsed query and the URL on the configured origin", async () => {
    const response = await fetch(`${base}/api/v1/items/%E5%90%8D?full=yes`);
    expect([response.status, await response.json()]).toEqual([200, { id: "名" }]);
    expect(seen.at(-1)).toEqual({
      params: { id: "名" },
      query: { full: "yes" },
      url: "http://chiiki.test/api/v1/items/%E5%90%8D?full=yes",
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("parses the body with the endpoint's schema and answers 201 with Location", async () => {
    admitted.length = 0;
    const response = await post("/api/v1/items/7", '{"name":"参加者"}');
    expect([response.status, await response.json()]).toEqual([201, { id: "7", name: "参加者" }]);
    expect(response.headers.get("location")).toBe("/api/v1/items/7");
    expect(admitted).toEqual([PUBLIC_WRITES.registration]);
  });

  it("answers bad input, refusals and unknown paths with problem documents in the caller's language", async () => {
    const invalid = await post("/api/v1/items/7", '{"name":""}');
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await invalid.json()).errors[0].field).toBe("name");
    const taken = await post("/api/v1/items/7", '{"name":"taken"}');
    expect([taken.status, (await taken.json()).code]).toEqual([409, "already-registered"]);
    const query = await fetch(`${base}/api/v1/items/7?full=maybe`);
    expect(query.status).toBe(422);
    const secret = await fetch(`${base}/api/v1/secret`, { headers: { "Accept-Language": "en" } });
    expect([secret.status, (await secret.json()).title]).toEqual([401, "Please sign in."]);
    const unknown = await fetch(`${base}/api/v1/nothing/here`);
    expect([unknown.status, (await unknown.json()).code]).toEqual([404, "not-found"]);
    const method = await fetch(`${base}/api/v1/items/7`, { method: "DELETE" });
    expect([method.status, method.headers.get("allow"), (await method.json()).code]).toEqual([
      405,
      "GET, POST",
      "method-not-allowed",
    ]);
  });

  it("refuses a body it cannot read: too large 413, a NUL in JSON 400, not JSON 400", async () => {
    expect((await post("/api/v1/items/7", JSON.stringify({ name: "a".repeat(2000) }))).status).toBe(413);
    expect((await post("/api/v1/items/7", '{"name":"a\\u0000b"}')).status).toBe(400);
    expect((await post("/api/v1/items/7", '{"name":"a\\\\u0000b"}')).status).toBe(201);
    expect((await post("/api/v1/items/7", "name=a", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await post("/api/v1/items/7", "{broken")).status).toBe(400);
  });

  it("serves the document that describes the table, and leaves other paths under /api to the pages", async () => {
    expect(await (await fetch(`${base}/api/openapi.json`)).json()).toEqual({ openapi: "3.1.0" });
    expect(await (await fetch(`${base}/api/auth/magic-link/verify`)).text()).toBe("page");
  });
});

describe("a path decides before a method", () => {
  it("tries a static segment before a parameter, and answers a method the path lacks with 405", async () => {
    const app = express();
    const state = async () => ({ actor: anonymous, invalidToken: false, services: {} }) as unknown as RequestState;
    const spec = (method: "GET" | "POST", path: string) =>
      defineEndpoint({ method, path, summary: path, access: "public", responses: { 200: { description: "" } } });
    app.use(
      "/api",
      apiRouter(
        [
          serve(spec("GET", "/api/v1/things/{id}"), ({ params }) => ({ id: params.id })),
          serve(spec("POST", "/api/v1/things/merge"), () => ({ merged: true })),
        ],
        () => ({}),
        { originOf: () => "http://chiiki.test", maxBodyBytes: 1000, refuse, admit: async () => true, state },
      ),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${at}/api/v1/things/merge`)).status).toBe(405);
      expect(await (await fetch(`${at}/api/v1/things/merge`, { method: "POST" })).json()).toEqual({ merged: true });
      expect(await (await fetch(`${at}/api/v1/things/other`)).json()).toEqual({ id: "other" });
      expect((await fetch(`${at}/api/v1/things/other`, { method: "HEAD" })).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

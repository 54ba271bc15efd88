import type { AddressInfo } from "node:net";
import express from "express";
import { data, RouterContextProvider, type ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reactRouterBridge } from "./react-router-bridge.ts";

// A build with a root page and resource routes, as React Router's compiler lays them out.
const calls: { pattern: string; params: unknown; url: string; body?: unknown }[] = [];
const routes = {
  root: { id: "root", path: "", module: { default: () => null } },
  "routes/api.items.$id": {
    id: "routes/api.items.$id", parentId: "root", path: "api/items/:id",
    module: {
      loader: ({ params, pattern, url }: any) => (calls.push({ pattern, params, url: url.href }), { id: params.id }),
      action: async ({ request, params }: any) => {
        const body = await request.json();
        calls.push({ pattern: "", params, url: request.url, body });
        return new Response(JSON.stringify({ saved: body }), {
          status: 201,
          headers: [["Content-Type", "application/json"], ["Content-Security-Policy", "sandbox"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]],
        });
      },
    },
  },
  "routes/api.items.special": { id: "routes/api.items.special", parentId: "root", path: "api/items/special", module: { loader: () => "plain text" } },
  "routes/api.refused": { id: "routes/api.refused", parentId: "root", path: "api/refused", module: { loader: () => { throw data({ message: "日付が不正です" }, { status: 422 }); } } },
  "routes/api.teapot": { id: "routes/api.teapot", parentId: "root", path: "api/teapot", module: { loader: () => { throw Response.json({ short: true }, { status: 418 }); } } },
} as unknown as ServerBuild["routes"];
const build = { routes, entry: { module: {} }, assets: {}, publicPath: "/", assetsBuildDirectory: "", future: {}, ssr: true, isSpaMode: false, prerender: [], routeDiscovery: { mode: "lazy", manifestPath: "/__manifest" } } as unknown as ServerBuild;

let base = "";
let close = () => {};
beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => (res.setHeader("Content-Security-Policy", "default-src 'self'"), next()));
  app.all("/{*splat}", reactRouterBridge({
    build, mode: "production", origin: "http://chiiki.test", streamBody: () => false, maxBodyBytes: 1000,
    onTooLarge: (res) => void res.status(413).end(), context: async () => new RouterContextProvider(),
  }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("the bridge calls resource routes directly", () => {
  it("gives a loader its params, its pattern and the URL from the configured origin, and sends its data as JSON", async () => {
    const response = await fetch(`${base}/api/items/%E5%90%8D?x=1`);
    expect([response.status, await response.json()]).toEqual([200, { id: "名" }]);
    expect(calls.at(-1)).toEqual({ pattern: "/api/items/:id", params: { id: "名" }, url: "http://chiiki.test/api/items/%E5%90%8D?x=1" });
  });

  it("prefers the static route where React Router does, and sends a string as text", async () => {
    const response = await fetch(`${base}/api/items/special`);
    expect([response.status, await response.text()]).toEqual([200, "plain text"]);
  });

  it("reads an action's JSON body, and sends its Response: a route's header replaces the default, cookies add up", async () => {
    const response = await fetch(`${base}/api/items/7`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"名前":"参加者"}' });
    expect([response.status, await response.json()]).toEqual([201, { saved: { 名前: "参加者" } }]);
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("sends a thrown Response as it is", async () => {
    const response = await fetch(`${base}/api/teapot`);
    expect([response.status, await response.json()]).toEqual([418, { short: true }]);
  });

  it("sends a thrown data() as JSON with its status (our pages' helpers throw one for an AppError)", async () => {
    const response = await fetch(`${base}/api/refused`);
    expect([response.status, await response.json()]).toEqual([422, { message: "日付が不正です" }]);
  });

  it("answers a body over the limit with the server's 413", async () => {
    const response = await fetch(`${base}/api/items/7`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ x: "a".repeat(2000) }) });
    expect(response.status).toBe(413);
  });
});

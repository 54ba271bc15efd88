import type { AddressInfo } from "node:net";
import express from "express";
import { data, RouterContextProvider, type ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reactRouterBridge } from "./react-router-bridge.ts";
import { refuse } from "./refusal.ts";

// A build with a root page and resource routes, as React Router's compiler lays them out.
const calls: { pattern: string; params: unknown; url: string; body?: unknown }[] = [];
const routes = {
  root: { id: "root", path: "", module: { default: () => null } },
  "routes/api.items.$id": {
    id: "routes/api.items.$id",
    parentId: "root",
    path: "api/items/:id",
    module: {
      loader: ({ params, pattern, url }: any) => (calls.push({ pattern, params, url: url.href }), { id: params.id }),
      action: async ({ request, params }: any) => {
        const body = await request.json();
        calls.push({ pattern: "", params, url: request.url, body });
        return new Response(JSON.stringify({ saved: body }), {
          status: 201,
          headers: [
            ["Content-Type", "application/json"],
            ["Content-Security-Policy", "sandbox"],
            ["Set-Cookie", "a=1"],
            ["Set-Cookie", "b=2"],
          ],
        });
      },
    },
  },
  "routes/api.items.special": {
    id: "routes/api.items.special",
    parentId: "root",
    path: "api/items/special",
    module: { loader: () => "plain text" },
  },
  "routes/api.refused": {
    id: "routes/api.refused",
    parentId: "root",
    path: "api/refused",
    module: {
      loader: () => {
        throw data({ message: "日付が不正です" }, { status: 422 });
      },
    },
  },
  "routes/api.teapot": {
    id: "routes/api.teapot",
    parentId: "root",
    path: "api/teapot",
    module: {
      loader: () => {
        throw Response.json({ short: true }, { status: 418 });
      },
    },
  },
} as unknown as ServerBuild["routes"];
const build = {
  routes,
  entry: { module: {} },
  assets: {},
  publicPath: "/",
  assetsBuildDirectory: "",
  future: {},
  ssr: true,
  isSpaMode: false,
  prerender: [],
  routeDiscovery: { mode: "lazy", manifestPath: "/__manifest" },
} as unknown as ServerBuild;

/** The URL of each request the bridge built, as the router context saw it. */
const seenUrls: string[] = [];
let base = "";
let close = () => {};
beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => (res.setHeader("Content-Security-Policy", "default-src 'self'"), next()));
  app.use(
    reactRouterBridge({
      build,
      mode: "production",
      origin: "http://chiiki.test",
      streamBody: () => false,
      maxBodyBytes: 1000,
      refuse,
      admit: async () => true,
      context: async (_build, request) => (seenUrls.push(request.url), new RouterContextProvider()),
    }),
  );
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
    expect(calls.at(-1)).toEqual({
      pattern: "/api/items/:id",
      params: { id: "名" },
      url: "http://chiiki.test/api/items/%E5%90%8D?x=1",
    });
  });

  it("prefers the static route where React Router does, and sends a string as text", async () => {
    const response = await fetch(`${base}/api/items/special`);
    expect([response.status, await response.text()]).toEqual([200, "plain text"]);
  });

  it("reads an action's JSON body, and sends its Response: a route's header replaces the default, cookies add up", async () => {
    const response = await fetch(`${base}/api/items/7`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"名前":"参加者"}',
    });
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
    const response = await fetch(`${base}/api/items/7`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ x: "a".repeat(2000) }),
    });
    expect(response.status).toBe(413);
  });
});

describe("the bridge refuses what no route could read", () => {
  it("keeps every URL on the configured origin: `//host/…` is a path there, not another host", async () => {
    await fetch(`${base}//evil.example/api/items/5`);
    expect(new URL(seenUrls.at(-1)!).origin).toBe("http://chiiki.test");
    expect(new URL(seenUrls.at(-1)!).pathname).toBe("//evil.example/api/items/5");
  });

  it("answers a page post whose body is not a form with 415, and a form that does not parse with 400, as HTML", async () => {
    const post = (type: string | null, body: string) =>
      fetch(`${base}/`, { method: "POST", headers: type ? { "Content-Type": type } : {}, body });
    for (const type of [
      null,
      "text/plain",
      "application/json",
      "multipart/form-data",
      "multipart/form-data; charset=utf-8",
    ]) {
      const response = await post(type, type === "application/json" ? "{}" : "x=1");
      expect([type, response.status]).toEqual([type, 415]);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("この送信形式には対応していません");
    }
    const broken = await post(
      "multipart/form-data; boundary=abc",
      "--abc\r\nContent-Disposition: form-data\r\n\r\nno end",
    );
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("フォームの送信内容を読み取れませんでした");
    const empty = await fetch(`${base}/`, { method: "PUT" });
    expect(empty.status).toBe(415);
  });
});

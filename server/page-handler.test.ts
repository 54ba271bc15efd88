import type { AddressInfo } from "node:net";
import express from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_WRITES } from "../core/shared/rate-limit.ts";
import { pageHandler, publicWriteOfPage } from "./page-handler.ts";
import { refuse } from "./refusal.ts";

// A build with resource routes, as React Router's compiler lays them out; every request goes
// through React Router's own handler.
const calls: { params: unknown; url: string; body?: unknown }[] = [];
const routes = {
  root: { id: "root", path: "", module: {} },
  "routes/items.$id": {
    id: "routes/items.$id",
    parentId: "root",
    path: "items/:id",
    module: {
      loader: ({ params, request }: any) => (calls.push({ params, url: request.url }), { id: params.id }),
      action: async ({ request, params }: any) => {
        const body = Object.fromEntries(await request.formData());
        calls.push({ params, url: request.url, body });
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
  "routes/refused": {
    id: "routes/refused",
    parentId: "root",
    path: "refused",
    module: {
      // What app/lib/http.server.ts throws for an AppError.
      loader: () => {
        throw Response.json({ message: "日付が不正です" }, { status: 422 });
      },
    },
  },
} as unknown as ServerBuild["routes"];
const build = {
  routes,
  // A page (no route here has one) is rendered as its status alone.
  entry: {
    module: { default: (_request: Request, status: number) => new Response(null, { status }), handleError: () => {} },
  },
  assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "1" },
  publicPath: "/",
  assetsBuildDirectory: "",
  future: {},
  ssr: true,
  isSpaMode: false,
  prerender: [],
  routeDiscovery: { mode: "lazy", manifestPath: "/__manifest" },
} as unknown as ServerBuild;

/** The URL of each request the handler built, as the router context saw it. */
const seenUrls: string[] = [];
const admitted: unknown[] = [];
let base = "";
let close = () => {};
beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => (res.setHeader("Content-Security-Policy", "default-src 'self'"), next()));
  app.use(
    pageHandler({
      build,
      mode: "production",
      originOf: () => "http://chiiki.test",
      streamBody: () => false,
      basePathOf: () => "",
      maxBodyBytes: 1000,
      refuse,
      admit: async (_req, _res, _headers, publicWrite) => (admitted.push(publicWrite), true),
      context: async (request) => (seenUrls.push(request.url), new RouterContextProvider()),
    }),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("requests go through React Router's own handler", () => {
  it("gives a loader its params and the URL from the configured origin, and sends its data as JSON", async () => {
    const response = await fetch(`${base}/items/%E5%90%8D?x=1`);
    expect([response.status, await response.json()]).toEqual([200, { id: "名" }]);
    expect(calls.at(-1)).toEqual({ params: { id: "名" }, url: "http://chiiki.test/items/%E5%90%8D?x=1" });
  });

  it("reads an action's form, and sends its Response: a route's header replaces the default, cookies add up", async () => {
    const response = await fetch(`${base}/items/7`, { method: "POST", body: new URLSearchParams({ 名前: "参加者" }) });
    expect([response.status, await response.json()]).toEqual([201, { saved: { 名前: "参加者" } }]);
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("sends a refusal thrown as a JSON Response with its status and body", async () => {
    const response = await fetch(`${base}/refused`);
    expect([response.status, await response.json()]).toEqual([422, { message: "日付が不正です" }]);
  });

  it("answers a body over the limit with the server's 413", async () => {
    const response = await fetch(`${base}/items/7`, {
      method: "POST",
      body: new URLSearchParams({ x: "a".repeat(2000) }),
    });
    expect(response.status).toBe(413);
  });
});

describe("the page handler refuses what no route could read", () => {
  it("keeps every URL on the configured origin: `//host/…` is a path there, not another host", async () => {
    await fetch(`${base}//evil.example/items/5`);
    expect(new URL(seenUrls.at(-1)!).origin).toBe("http://chiiki.test");
    expect(new URL(seenUrls.at(-1)!).pathname).toBe("//evil.example/items/5");
  });

  it("answers a page post whose body is not a form with 415, and a form that does not parse with 400, as HTML", async () => {
    const post = (type: string | null, body: string) =>
      fetch(`${base}/items/1`, { method: "POST", headers: type ? { "Content-Type": type } : {}, body });
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
    const nul = await post("application/x-www-form-urlencoded", "name=a%00b");
    expect(nul.status).toBe(400);
    const empty = await fetch(`${base}/items/1`, { method: "PUT" });
    expect(empty.status).toBe(415);
  });

  it("hands `admit` the public-write limit of the page posted to", async () => {
    admitted.length = 0;
    await fetch(`${base}/events/e1/register`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(admitted).toEqual([PUBLIC_WRITES.registration]);
  });
});

describe("public writes are recognised as React Router matches their paths", () => {
  it.each([
    ["/events/abc/register", PUBLIC_WRITES.registration],
    ["/EVENTS/abc/Register", PUBLIC_WRITES.registration],
    ["/events/abc/register/", PUBLIC_WRITES.registration],
    ["//events//abc//register", PUBLIC_WRITES.registration],
    ["/events/abc/register.data", PUBLIC_WRITES.registration],
    ["/events/abc/%72egister", PUBLIC_WRITES.registration],
    ["/s/abc", PUBLIC_WRITES.surveyAnswer],
    ["/s/abc.data", PUBLIC_WRITES.surveyAnswer],
    ["/S/%E5%90%8D/", PUBLIC_WRITES.surveyAnswer],
    ["/s/abc/conditions", undefined],
    ["/events/abc", undefined],
    ["/events/abc/register/x", undefined],
    ["/%ZZ", undefined],
  ])("%s", (path, limit) => {
    expect(publicWriteOfPage(path)).toEqual(limit);
  });
});

/**
 * Hands a Node request to React Router and writes its answer back. Our own bridge rather than
 * @react-router/express's, because the registration bench (bench/registration) showed the stock
 * adapter's cost per request:
 *
 * - the web Request is built once, from the configured base URL, and both the router and our
 *   per-request state use it (the adapter built one and our getLoadContext a second);
 * - a body (a form post, a JSON call) is read into one Buffer instead of being piped through a
 *   web ReadableStream, and counted as it arrives, so one sent without a declared length is cut
 *   off at the same limit as one with; only the upload routes stream theirs (an upload is never
 *   held in memory);
 * - a JSON answer is written at once, while HTML keeps streaming;
 * - the URL comes from the base URL, not from the Host header a client chose;
 * - a resource route (no component: the JSON API, downloads, feeds) is called directly, as React
 *   Router itself would call it, without the document and single-fetch machinery around it
 *   (docs/decisions/013-resource-routes-called-directly.md).
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import {
  createRequestHandler,
  createStaticHandler,
  type RouteObject,
  type RouterContextProvider,
  type ServerBuild,
} from "react-router";
import { BufferedRequest } from "./buffered-request.ts";
import type { Refuse } from "./refusal.ts";

export interface BridgeOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  /** The origin every request URL is resolved against (env.baseUrl's). */
  origin: string;
  /** Requests whose body the route reads as a stream (uploads); every other body is buffered. */
  streamBody: (req: ExpressRequest) => boolean;
  /** The most a buffered body may hold; more is refused with 413. */
  maxBodyBytes: number;
  /** Answers a request the bridge cannot hand on (server/refusal.ts). */
  refuse: Refuse;
  /**
   * Whether the request may go on, decided before its body is read (who asks, rate limits) with
   * the route it is for; false when it has been answered already.
   */
  admit: (req: ExpressRequest, res: ExpressResponse, headers: Headers, route: MatchedRoute | null) => Promise<boolean>;
  /** The router context for one request (who asks, in which language). */
  context: (build: ServerBuild, request: Request, res: ExpressResponse) => Promise<RouterContextProvider>;
}

/** The route a request is for: React Router's route id, and whether it is a resource route. */
export interface MatchedRoute {
  id: string;
  resource: boolean;
}

export function reactRouterBridge(options: BridgeOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const build = typeof options.build === "function" ? await options.build() : options.build;
      // Only origin-form targets (`/path?query`). The URL is the base URL's origin followed by the
      // target as sent: resolved against the origin instead, `//host/…` would name another host.
      if (!req.originalUrl.startsWith("/")) return options.refuse(req, res, 400, "malformed-url");
      const url = new URL(options.origin + req.originalUrl);
      const match = matcherFor(build)(routePathOf(url.pathname));
      const resource = resourceHandler(req.method, url.pathname, match);
      const headers = headersOf(req);
      if (!(await options.admit(req, res, headers, match && { id: match.id, resource: Boolean(resource) })))
        return discard(req);
      // Every action outside the JSON API (pages, and forms like /lang that have no page) reads a
      // form (`request.formData()`): any other body is refused here with a 4xx, where the action
      // would fail with a 500.
      const form = !/^\/api\//i.test(url.pathname) && req.method !== "GET" && req.method !== "HEAD";
      if (form && !isFormType(req.headers["content-type"])) {
        discard(req);
        return options.refuse(req, res, 415, "unsupported-media-type");
      }
      const request = await toWebRequest(req, res, url, headers, options, {
        buffered: Boolean(resource),
        checkForm: form,
      });
      const context = await options.context(build, request, res);
      const response = resource ? await callResource(resource, request, url, context) : await handle(request, context);
      await send(res, response);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        discard(req);
        return options.refuse(req, res, 413, "payload-too-large");
      }
      if (error instanceof MalformedForm) return options.refuse(req, res, 400, "malformed-form");
      if (error instanceof InvalidText) return options.refuse(req, res, 400, "invalid-text");
      next(error);
    }
  };
}

class BodyTooLarge extends Error {}
class MalformedForm extends Error {}
class InvalidText extends Error {}
/** `\u0000` in JSON text, not preceded by an escaped backslash (`\\u0000` is the six characters themselves). */
const JSON_NUL = /(?<!\\)(?:\\\\)*\\u0000/i;

/**
 * The rest of a refused body is read and dropped (never kept), so that the client, still sending,
 * receives the answer instead of a broken connection (Node's request timeout bounds a body that
 * never ends).
 */
function discard(req: ExpressRequest): void {
  req.resume();
}

/** What a browser form sends: urlencoded, or multipart with the boundary its parts need. */
function isFormType(type: string | undefined): boolean {
  if (!type) return false;
  return (
    /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type) ||
    /^multipart\/form-data\s*;(.*;)?\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)
  );
}

/** The route path of a single-fetch data request (`/posts.data`, `/_root.data`) is the page's own. */
function routePathOf(pathname: string): string {
  return pathname.replace(/(\/_root)?\.data$/, "") || "/";
}

type Params = Record<string, string | undefined>;
type DataFunction = (args: {
  request: Request;
  url: URL;
  pattern: string;
  params: Params;
  context: RouterContextProvider;
}) => unknown;
interface Resource {
  handler: DataFunction;
  params: Params;
  pattern: string;
}
interface RouteMatch {
  id: string;
  module: NonNullable<ServerBuild["routes"][string]>["module"];
  params: Params;
  pattern: string;
}
const matchers = new WeakMap<ServerBuild, (pathname: string) => RouteMatch | null>();
/** Paths whose match is remembered (a flood of registrations asks for one path again and again). */
const REMEMBERED_PATHS = 1000;

/**
 * React Router's own matching for the build's routes: the deepest route that matches a path. Its
 * static handler ranks the route branches once, where `matchRoutes` would rank them on every call;
 * recent paths' matches are remembered.
 */
function matcherFor(build: ServerBuild): (pathname: string) => RouteMatch | null {
  let matcher = matchers.get(build);
  if (!matcher) {
    const childrenOf = (parentId: string | undefined): RouteObject[] =>
      Object.values(build.routes)
        .filter((route) => route!.parentId === parentId)
        .map((route) => {
          const children = childrenOf(route!.id);
          return {
            id: route!.id,
            path: route!.path,
            index: route!.index,
            caseSensitive: route!.caseSensitive,
            ...(children.length ? { children } : {}),
          } as RouteObject;
        });
    const handler = createStaticHandler(childrenOf(undefined));
    const remembered = new Map<string, RouteMatch | null>();
    matcher = (pathname) => {
      let match = remembered.get(pathname);
      if (match === undefined) {
        const matches = handler.match(pathname);
        const deepest = matches?.at(-1);
        match = deepest
          ? {
              id: deepest.route.id!,
              module: build.routes[deepest.route.id!]!.module,
              params: deepest.params,
              pattern: `/${matches!
                .map((m) => m.route.path)
                .filter(Boolean)
                .join("/")}`,
            }
          : null;
        if (remembered.size >= REMEMBERED_PATHS) remembered.clear();
        remembered.set(pathname, match);
      }
      return match;
    };
    matchers.set(build, matcher);
  }
  return matcher;
}

/**
 * The loader or action that React Router would run for this request when it is for a resource
 * route: the deepest match has no component and no error boundary (React Router's own test). A
 * HEAD request, a single-fetch `.data` request, a page, or a route without the function the method
 * needs is left to React Router, which answers those as it always has.
 */
function resourceHandler(method: string, pathname: string, match: RouteMatch | null): Resource | null {
  if (method === "HEAD" || pathname.endsWith(".data")) return null;
  if (!match || match.module.default || match.module.ErrorBoundary) return null;
  const handler = (method === "GET" ? match.module.loader : match.module.action) as DataFunction | undefined;
  // Each request gets its own params object: a route may change the one it is given.
  return handler ? { handler, params: { ...match.params }, pattern: match.pattern } : null;
}

/**
 * Runs a resource route's loader or action with the arguments React Router gives it, and makes of
 * its result what React Router makes: a Response (returned or thrown) as it is, a string as text,
 * anything else as JSON. A `data(…, { status })` (our pages' helpers throw one for an AppError) is
 * sent as JSON with its status and headers, where React Router would replace its data with a
 * generic error. Any other error goes on to the server's error handler (500).
 */
async function callResource(
  resource: Resource,
  request: Request,
  url: URL,
  context: RouterContextProvider,
): Promise<Response> {
  // React Router's `url` drops its own `?index` marker; our resource routes are never index-marked.
  let result: unknown;
  try {
    result = await resource.handler({ request, url, pattern: resource.pattern, params: resource.params, context });
  } catch (error) {
    if (error instanceof Response) return error;
    if (isDataWithInit(error))
      return Response.json(error.data, { status: error.init?.status ?? 500, headers: error.init?.headers });
    throw error;
  }
  if (result instanceof Response) return result;
  if (isDataWithInit(result)) return Response.json(result.data, result.init ?? undefined);
  if (typeof result === "string") return new Response(result);
  return Response.json(result);
}

/** What React Router's `data()` makes (its class is not exported; this is React Router's own test). */
function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit" &&
    "data" in value &&
    "init" in value
  );
}

function headersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(key, one);
    else headers.set(key, value);
  }
  return headers;
}

/**
 * The web Request for `req` at `url`; with `buffered`, a read body is kept as a BufferedRequest's
 * buffer; with `checkForm`, a read body must parse as the form it says it is (MalformedForm). No
 * text in a form or a JSON body may hold a NUL character: PostgreSQL cannot store one (it would
 * fail the statement with a 500), and no input of ours means one (MalformedForm, InvalidText).
 */
async function toWebRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  url: URL,
  headers: Headers,
  options: BridgeOptions,
  { buffered, checkForm }: { buffered: boolean; checkForm: boolean },
): Promise<Request> {
  // Loaders see request.signal aborted when the client goes away before the answer is sent.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (options.streamBody(req)) {
      init.body = createReadableStreamFromReadable(req);
      init.duplex = "half";
    } else {
      const body = await readBody(req, options.maxBodyBytes);
      if (checkForm) {
        const form = await new Response(body, { headers: { "content-type": headers.get("content-type")! } })
          .formData()
          .catch(() => {
            throw new MalformedForm();
          });
        for (const [key, value] of form)
          if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) throw new MalformedForm();
      } else if (/json/i.test(headers.get("content-type") ?? "") && JSON_NUL.test(body.toString("latin1"))) {
        throw new InvalidText();
      }
      if (buffered) return new BufferedRequest(url, init, body);
      init.body = body;
    }
  }
  return new Request(url, init);
}

function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function send(res: ExpressResponse, response: Response): Promise<void> {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  // A route's header replaces the server's default of the same name (server/http.ts sets a CSP,
  // which a PDF preview route replaces with its own); only Set-Cookie headers add up.
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  const type = response.headers.get("content-type") ?? "";
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  // JSON is never sent progressively: one write instead of a reader loop over a web stream.
  if (/[/+]json\b/i.test(type)) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (res.destroyed || res.writableEnded) return;
    throw error;
  }
}

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
 * - the URL comes from the base URL, not from the Host header a client chose.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";

export interface BridgeOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  /** The origin every request URL is resolved against (env.baseUrl's). */
  origin: string;
  /** Requests whose body the route reads as a stream (uploads); every other body is buffered. */
  streamBody: (req: ExpressRequest) => boolean;
  /** The most a buffered body may hold; more is answered by `onTooLarge`. */
  maxBodyBytes: number;
  onTooLarge: (res: ExpressResponse) => void;
  /** The router context for one request (who asks, in which language). */
  context: (build: ServerBuild, request: Request, res: ExpressResponse) => Promise<RouterContextProvider>;
}

export function reactRouterBridge(options: BridgeOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = await toWebRequest(req, res, options);
      const build = typeof options.build === "function" ? await options.build() : options.build;
      const response = await handle(request, await options.context(build, request, res));
      await send(res, response);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) return next(error);
      // The rest of the body is read and dropped (never kept), so that the client, still sending,
      // receives the answer instead of a broken connection (Node's request timeout bounds a body
      // that never ends).
      req.resume();
      options.onTooLarge(res);
    }
  };
}

class BodyTooLarge extends Error {}

async function toWebRequest(req: ExpressRequest, res: ExpressResponse, options: BridgeOptions): Promise<Request> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(key, one);
    else headers.set(key, value);
  }
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
      init.body = await readBody(req, options.maxBodyBytes);
    }
  }
  return new Request(new URL(req.originalUrl, options.origin), init);
}

function readBody(req: ExpressRequest, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
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
  res.statusMessage = response.statusText;
  res.status(response.status);
  // res.append, not set: a route's Set-Cookie headers add up, and server/http.ts lets a route
  // replace the default CSP through it.
  for (const [key, value] of response.headers) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  // JSON is never sent progressively: one write instead of a reader loop over a web stream.
  if (/[/+]json\b/i.test(response.headers.get("content-type") ?? "")) {
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

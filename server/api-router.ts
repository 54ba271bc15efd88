/**
 * The JSON API as plain Express routes, one per row of the API's table (app/api/index.ts), the
 * same table that /api/openapi.json describes. Each call passes the same door as a page
 * (server/http.ts: request id, headers, CSRF, body size, malformed URLs), then here: who asks and
 * the limits on anonymous and public writes (`admit`), its body read and checked, and the
 * endpoint answered (app/api/endpoint.ts: access, schemas, error mapping). A path the table does
 * not hold is a 404 problem document; a method it does not hold for a path, a 405 with Allow.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { answer, type Endpoint } from "../app/api/endpoint.ts";
import type { RequestState } from "../app/context.ts";
import type { PublicWriteLimit } from "../core/shared/rate-limit.ts";
import type { Refuse } from "./refusal.ts";
import {
  BodyTooLarge,
  discard,
  headersOf,
  InvalidText,
  MalformedForm,
  send,
  toWebRequest,
  urlOf,
} from "./web-exchange.ts";

export interface EdgeOptions {
  /** The origin a request's URL is resolved against: its community's (env.baseUrl's, or its host name's). */
  originOf(res: Response): string;
  /** The most a read body may hold; more is refused with 413. */
  maxBodyBytes: number;
  refuse: Refuse;
  /**
   * Whether the request may go on, decided before its body is read (who asks, rate limits, with
   * the public-write limit of what it is for); false when it has been answered already.
   */
  admit: (req: Request, res: Response, headers: Headers, publicWrite: PublicWriteLimit | undefined) => Promise<boolean>;
  /** Who asks and in which language, for the request admitted. */
  state: (request: globalThis.Request, res: Response) => Promise<RequestState>;
}

/** `/api/v1/events/{id}` as an Express path below `/api`: `/v1/events/:id`. */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/^\/api/, "").replace(/\{(\w+)\}/g, ":$1");
}

/**
 * The order paths are tried in, as React Router ranks its routes: segment by segment, a static
 * segment before a parameter (`/organisations/merge` before `/organisations/{id}`), then the
 * longer path first.
 */
function bySpecificity(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const ap = as[i]!.startsWith(":");
    const bp = bs[i]!.startsWith(":");
    if (ap !== bp) return ap ? 1 : -1;
  }
  return bs.length - as.length;
}

/**
 * Mounted at `/api`; `document` is /api/openapi.json's content. A request's path decides its
 * endpoints first and its method then picks one, so a method a path does not hold is a 405 there
 * rather than a call of a less specific path's endpoint.
 */
export function apiRouter(endpoints: readonly Endpoint[], document: () => unknown, options: EdgeOptions) {
  const router = express.Router({ caseSensitive: false, strict: false });
  const byPath = new Map<string, Map<string, ReturnType<typeof call>>>();
  for (const endpoint of endpoints) {
    const path = expressPath(endpoint.path);
    const methods = byPath.get(path) ?? new Map();
    methods.set(endpoint.method, call(endpoint, options));
    byPath.set(path, methods);
  }
  for (const path of [...byPath.keys()].sort(bySpecificity)) {
    const methods = byPath.get(path)!;
    const allowed = [...methods.keys()].join(", ");
    router.all(path, (req, res, next) => {
      const handler = methods.get(req.method === "HEAD" ? "GET" : req.method);
      if (handler) return handler(req, res, next);
      discard(req);
      res.setHeader("Allow", allowed);
      options.refuse(req, res, 405, "method-not-allowed");
    });
  }
  let cached: string | undefined;
  router.get("/openapi.json", (_req, res) => {
    cached ??= JSON.stringify(document());
    res.type("application/json").setHeader("Cache-Control", "public, max-age=60");
    res.send(cached);
  });
  router.use("/v1", (req, res) => {
    discard(req);
    options.refuse(req, res, 404, "not-found");
  });
  return router;
}

function call(endpoint: Endpoint, options: EdgeOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const url = urlOf(req, options.originOf(res));
      if (!url) return options.refuse(req, res, 400, "malformed-url");
      const headers = headersOf(req);
      if (!(await options.admit(req, res, headers, endpoint.publicWrite))) return discard(req);
      const request = await toWebRequest(req, res, url, headers, {
        stream: false,
        maxBytes: options.maxBodyBytes,
        checkForm: false,
        buffered: true,
      });
      const state = await options.state(request, res);
      // Each call gets its own params object: a handler may change the one it is given.
      await send(res, await answer(endpoint, state, request, { ...(req.params as Record<string, string>) }));
    } catch (error) {
      refuseUnreadable(error, req, res, options.refuse, next);
    }
  };
}

/** A body the edge could not read is the client's mistake (4xx); anything else goes on to the 500 handler. */
export function refuseUnreadable(error: unknown, req: Request, res: Response, refuse: Refuse, next: NextFunction) {
  if (error instanceof BodyTooLarge) {
    discard(req);
    return refuse(req, res, 413, "payload-too-large");
  }
  if (error instanceof MalformedForm) return refuse(req, res, 400, "malformed-form");
  if (error instanceof InvalidText) return refuse(req, res, 400, "invalid-text");
  next(error);
}

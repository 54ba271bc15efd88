/**
 * Pages, downloads and feeds: every request that is not the JSON API goes to React Router's own
 * request handler (`createRequestHandler`, its supported server API), as @react-router/express
 * would hand it, with the router context built by `getLoadContext`'s equivalent here. Before that,
 * the same admission as the API (who asks, limits; public writes decided by path, below) and the
 * body checks of a form: an action outside the API reads a form, so any other body is refused
 * here with a 4xx where the action would fail with a 500.
 */
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { pathInsidePrefix } from "../core/communities/community-address.ts";
import { PUBLIC_WRITES, type PublicWriteLimit } from "../core/shared/rate-limit.ts";
import { type EdgeOptions, refuseUnreadable } from "./api-router.ts";
import { discard, headersOf, isFormType, send, toWebRequest, urlOf } from "./web-exchange.ts";

export interface PageOptions extends Omit<EdgeOptions, "state"> {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  /** Requests whose body the route reads as a stream (uploads); every other body is read first. */
  streamBody: (req: Request, res: Response) => boolean;
  /** The path prefix of the request's community ("" or `/c/<slug>`): React Router's basename. */
  basePathOf: (res: Response) => string;
  /** The router context of an admitted request (who asks, in which language). */
  context: (request: globalThis.Request, res: Response) => Promise<RouterContextProvider>;
}

/**
 * The pages anyone may post to, and the limit each counts against (the same as its API endpoint's).
 * Matched as React Router matches a path: case-insensitive, percent-decoded, empty segments and a
 * trailing slash ignored, and a client-side navigation's `.data` suffix dropped.
 */
const PUBLIC_WRITE_PAGES: [RegExp, PublicWriteLimit][] = [
  [/^\/events\/[^/]+\/register$/, PUBLIC_WRITES.registration],
  [/^\/s\/[^/]+$/, PUBLIC_WRITES.surveyAnswer],
];

export function publicWriteOfPage(pathname: string): PublicWriteLimit | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  path = path
    .replace(/(\/_root)?\.data$/, "")
    .replace(/\/{2,}/g, "/")
    .replace(/(.)\/$/, "$1")
    .toLowerCase();
  return PUBLIC_WRITE_PAGES.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * One request handler per path prefix: a community under `/c/<slug>/` is the same build with
 * that basename (React Router's `basename` option, which its server handler and the browser's
 * router read from the build), so its links, forms and client navigations stay under the prefix.
 */
function handlersByBasePath(build: PageOptions["build"], mode: PageOptions["mode"]) {
  const handlers = new Map<string, ReturnType<typeof createRequestHandler>>();
  return (basePath: string) => {
    let handle = handlers.get(basePath);
    if (!handle) {
      const based = (b: ServerBuild): ServerBuild => (basePath ? { ...b, basename: basePath } : b);
      handle = createRequestHandler(typeof build === "function" ? () => build().then(based) : based(build), mode);
      handlers.set(basePath, handle);
    }
    return handle;
  };
}

export function pageHandler(options: PageOptions) {
  const handlerFor = handlersByBasePath(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const url = urlOf(req, options.originOf(res));
      if (!url) return options.refuse(req, res, 400, "malformed-url");
      const headers = headersOf(req);
      const basePath = options.basePathOf(res);
      const inside = pathInsidePrefix(url.pathname, basePath);
      if (!(await options.admit(req, res, headers, publicWriteOfPage(inside)))) return discard(req);
      // Better Auth's endpoints (/api/auth/*, a React Router resource route) read JSON themselves.
      const form = !/^\/api\//i.test(inside) && req.method !== "GET" && req.method !== "HEAD";
      if (form && !isFormType(req.headers["content-type"])) {
        discard(req);
        return options.refuse(req, res, 415, "unsupported-media-type");
      }
      const request = await toWebRequest(req, res, url, headers, {
        stream: options.streamBody(req, res),
        maxBytes: options.maxBodyBytes,
        checkForm: form,
        buffered: false,
      });
      const handle = handlerFor(basePath);
      await send(res, await handle(request, await options.context(request, res)));
    } catch (error) {
      refuseUnreadable(error, req, res, options.refuse, next);
    }
  };
}

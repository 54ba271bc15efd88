/**
 * The HTTP edge: security headers, CSRF and rate-limit checks that apply to every route, static
 * files, and the React Router handler. Domain decisions stay in core/; this file only guards the
 * door and builds each request's context.
 */
import path from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { ServerBuild } from "react-router";
import { apiEndpoints } from "../app/api/index.ts";
import { buildOpenApiDocument } from "../app/api/openapi.ts";
import { provide } from "../app/context.ts";
import { createRequestState } from "../app/lib/request-state.server.ts";
import { resolveActor } from "../core/accounts/resolve-actor.ts";
import { isAppError } from "../core/shared/errors.ts";
import { clientKey, type PublicWriteLimit, type RateLimitRule } from "../core/shared/rate-limit.ts";
import { pooledRandomBytes } from "../db/ids.ts";
import { apiRouter, type EdgeOptions } from "./api-router.ts";
import { pageHandler } from "./page-handler.ts";
import { refuse } from "./refusal.ts";
import { pathInsidePrefix } from "../core/communities/community-address.ts";
import { communityDoor } from "./community-door.ts";
import type { Services } from "./services.ts";

/** Every anonymous write counts against its client, on top of its public-write limit (PUBLIC_WRITES) and those of sign-in. */
const ANONYMOUS_WRITES = { limit: 60, windowMs: 60_000 };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_BODY_BYTES = 25 * 1024 * 1024;
/**
 * The upload routes that stream their file to disk and count it against CHIIKI_MAX_UPLOAD_MB
 * themselves (app/lib/upload.server.ts), with a form error in the user's language: talk materials
 * and post attachments (`/posts/<id>`, ids are 26 base32 characters); and the table imports (registry,
 * survey answers), which count against the import limit so that the page itself names it. `.data`
 * is the same form submitted by the client-side router. Every other request keeps the small limit.
 */
const STREAMED_UPLOADS = [
  /^\/materials\/new(\.data)?$/,
  /^\/posts\/[0-9a-z]{26}(\.data)?$/,
  /^\/community\/import(\.data)?$/,
  /^\/surveys\/[0-9a-z]{26}\/import(\.data)?$/,
];

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  const script = dev ? `'self' 'nonce-${nonce}' 'unsafe-inline'` : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    `script-src ${script}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The client address we trust: the socket's, or the proxy's word when CHIIKI_TRUST_PROXY=1. */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

export async function createHttpApp(services: Services, options: { dev?: boolean } = {}) {
  const { env, logger } = services;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.trustProxy ? 1 : false);
  const baseOrigin = new URL(env.baseUrl).origin;

  // The community's own origin (its host name, or the installation's) and the path inside it.
  const originOf = (res: Response): string => res.locals.origin ?? baseOrigin;
  const pathInside = (req: Request, res: Response): string => pathInsidePrefix(req.path, res.locals.basePath ?? "");
  const isStreamedUpload = (req: Request, res: Response) =>
    req.method === "POST" && STREAMED_UPLOADS.some((route) => route.test(pathInside(req, res)));
  const policy = (nonce: string) => contentSecurityPolicy(nonce, Boolean(options.dev));

  // The door every request passes, in one middleware (each Express layer costs a path match):
  // request id and log line, security headers, CSRF, and the size of a declared body.
  app.use((req, res, next) => {
    const started = performance.now();
    const requestId = pooledRandomBytes(12).toString("base64url");
    res.locals.nonce = pooledRandomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", requestId);
    // Downstream code (Better Auth's rate limits, ours) reads the client address from this
    // header; it is overwritten so that a client cannot choose its own.
    req.headers["x-forwarded-for"] = clientIp(req);
    res.on("finish", () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });

    // A route may answer with its own policy (a PDF preview our pages frame): the bridge lets a
    // route's header replace these defaults (server/web-exchange.ts, `send`).
    res.setHeader("Content-Security-Policy", policy(res.locals.nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (env.secureCookies) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

    // A path whose percent-encoding does not decode (`/%ZZ`) names no page: 400, before any
    // route or parameter decoding trips over it. Nor does a path or query of ours hold a NUL
    // (PostgreSQL cannot even compare one with a column: it failed the statement, a 500).
    if (!decodes(req.path) || /%00/.test(req.originalUrl)) return refuse(req, res, 400, "malformed-url");
    next();
  });

  // Which community the request is for (its path under /c/<slug>/, else its host name): its
  // services (database scoped to it), its origin and the path prefix of its pages from here on.
  const door = communityDoor(services);
  const servicesOf = (res: Response): Services => res.locals.services ?? services;
  app.use((req, res, next) => {
    door.open(req.hostname, req.path).then((opened) => {
      if (!opened) return refuse(req, res, 404, "not-found");
      res.locals.services = opened.services;
      res.locals.basePath = opened.basePath;
      res.locals.origin = new URL(opened.services.env.baseUrl).origin;
      next();
    }, next);
  });

  app.use((req, res, next) => {
    // CSRF: a state-changing request that rides on a cookie must come from our own pages. Browsers
    // send Origin (or at least Sec-Fetch-Site) with every POST; a bearer-token call carries no
    // ambient authority and is exempt.
    if (!SAFE_METHODS.has(req.method) && req.headers.cookie && !req.headers.authorization) {
      const origin = req.headers.origin;
      const site = req.headers["sec-fetch-site"];
      const sameOrigin = origin ? origin === originOf(res) : site === "same-origin" || site === "none";
      if (!sameOrigin) {
        logger.warn({ path: req.path, origin: origin ?? null }, "csrf rejected");
        return refuse(req, res, 403, "csrf-rejected");
      }
    }

    // A declared length is checked here; a body sent without one is counted as it is read
    // (server/web-exchange.ts) and cut off at the same limit.
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES && !isStreamedUpload(req, res))
      return refuse(req, res, 413, "payload-too-large");
    next();
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await services.database.root.selectFrom("communities").select("id").limit(1).execute();
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });

  // Who asks is resolved before anything is limited: only a valid session or API token counts as
  // someone (a junk cookie or Authorization header is anonymous and limited as such). The answer
  // is handed on to the request's state, so it is resolved once. Anonymous writes count against
  // their client (clientKey: an IPv6 /64), public registrations and survey answers once more;
  // CHIIKI_RATE_LIMITS=off turns every limit off for load tests.
  const admit: EdgeOptions["admit"] = async (req, res, headers, publicWrite: PublicWriteLimit | undefined) => {
    const resolved = await resolveActor(servicesOf(res).accounts, headers);
    res.locals.resolvedActor = resolved;
    if (SAFE_METHODS.has(req.method) || (resolved !== "invalid-token" && resolved.kind !== "anonymous")) return true;
    const client = clientKey(clientIp(req));
    const rules: RateLimitRule[] = [{ key: `post:ip:${client}`, ...ANONYMOUS_WRITES }];
    if (publicWrite)
      rules.push({ key: `${publicWrite.name}:ip:${client}`, limit: publicWrite.limit, windowMs: publicWrite.windowMs });
    try {
      for (const rule of rules) await services.limitRate(rule);
      return true;
    } catch (error) {
      if (!isAppError(error) || error.code !== "rate-limited") throw error;
      res.setHeader("Retry-After", String(error.params.seconds));
      refuse(req, res, 429, "rate-limited", error.params);
      return false;
    }
  };

  // API writes answer with a few hundred bytes of JSON, below compression's threshold: skipping the
  // middleware there saves its per-response wrapping on the busiest path (registrations).
  const compress = compression();
  app.use((req, res, next) =>
    !SAFE_METHODS.has(req.method) && req.path.startsWith("/api/") ? next() : compress(req, res, next),
  );

  // In development the build is a function (Vite reloads it); in production it is the object
  // itself, so React Router derives its route tables once instead of on every request.
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.dev) {
    const vite = await import("vite").then((v) =>
      v.createServer({ server: { middlewareMode: true }, appType: "custom" }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    const clientDir = path.join(env.buildDir, "client");
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
    build = (await import(path.join(env.buildDir, "server/index.js"))) as ServerBuild;
  }

  // The outbox yields while many requests are in flight (server/services.ts). Only what reaches
  // the app counts: static files and health checks are served at once and say nothing of load.
  const countInFlight = (_req: Request, res: Response, next: NextFunction) => {
    services.load.inFlight++;
    // "close" comes after "finish", and also when the client leaves before the answer.
    res.once("close", () => services.load.inFlight--);
    next();
  };

  // Who asks and in which language, once per request, from the answer `admit` kept.
  const state = (request: globalThis.Request, res: Response) =>
    createRequestState(servicesOf(res), request, res.locals.nonce, res.locals.resolvedActor);
  const edge = { originOf, maxBodyBytes: MAX_BODY_BYTES, refuse, admit };

  // The JSON API: plain Express routes from its table, ahead of React Router.
  app.use(countInFlight);
  // A community reached by its path has its API under that path too.
  app.use(
    ["/api", "/c/:community/api"],
    apiRouter(apiEndpoints, () => buildOpenApiDocument(apiEndpoints), { ...edge, state }),
  );

  // Everything else through React Router's own handler. `use`, not a route pattern: Express would
  // decode the path as a parameter (and fail with a 500 on bad percent-encoding) only to hand it
  // on unused.
  app.use(
    pageHandler({
      ...edge,
      build,
      mode: options.dev ? "development" : "production",
      streamBody: isStreamedUpload,
      basePathOf: (res) => res.locals.basePath ?? "",
      context: async (request, res) => provide(await state(request, res)),
    }),
  );

  // What Express or a body parser refuses on its own (a 4xx error with `expose`) is the client's
  // mistake and answered as such; anything else is ours: logged, and a 500.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) return refuse(req, res, status, "bad-request");
    logger.error({ path: req.path, err: error instanceof Error ? error.message : String(error) }, "unhandled error");
    refuse(req, res, 500, "internal");
  });

  return app;
}

function clientErrorStatus(error: unknown): number | null {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === "number" && status >= 400 && status < 500 && expose !== false ? status : null;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

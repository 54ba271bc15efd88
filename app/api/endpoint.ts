/**
 * The JSON API's one shape. An endpoint is declared once (method, path, access, zod schemas, the
 * limit on public writes) and bound to its handler with `serve`; the table of every endpoint
 * (app/api/index.ts) routes requests (server/api-router.ts) and produces /api/openapi.json
 * (app/api/openapi.ts). Errors are RFC 9457 problem documents with a stable `code`; messages follow
 * Accept-Language (Japanese unless the client asks for English).
 *
 *   const getMe = defineEndpoint({ method: "GET", path: "/api/v1/me", … });
 *   export const endpoints = [serve(getMe, async ({ actor }) => …)];
 *
 * Plain TypeScript loaded by the server from source: no React Router here, no Vite features.
 */
import type { z } from "zod";
import type { Actor } from "#core/accounts/actor.ts";
import { isSecretariat } from "#core/accounts/actor.ts";
import { AppError, isAppError } from "#core/shared/errors.ts";
import type { PublicWriteLimit } from "#core/shared/rate-limit.ts";
import { zodIssuesToFields } from "#core/shared/validation.ts";
import { type Locale, localeFromAcceptLanguage, translateDynamic } from "#i18n/index.ts";
import type { RequestState } from "../context.ts";

export type Access = "public" | "signed-in" | "secretariat";

export interface EndpointSpec<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** OpenAPI form: /api/v1/events/{id} */
  path: string;
  summary: string;
  tags?: string[];
  access: Access;
  body?: B;
  query?: Q;
  /** Counted per client when the caller is anonymous (server/api-router.ts). */
  publicWrite?: PublicWriteLimit;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ApiCall<B, Q> {
  actor: Actor;
  state: RequestState;
  request: Request;
  params: Record<string, string | undefined>;
  body: B;
  query: Q;
}

/** What a handler returns: a value (200 JSON), an explicit status with a body, or a Response (a file). */
export type ApiResult = unknown | { status: number; body: unknown; headers?: HeadersInit } | Response;

/** An endpoint with its handler: one row of the API's table. */
export interface Endpoint extends EndpointSpec<any, any> {
  handle: (call: ApiCall<any, any>) => Promise<ApiResult> | ApiResult;
}

export function defineEndpoint<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<B, Q>): EndpointSpec<B, Q> {
  return spec;
}

/** Binds a declaration to its handler, with the body and query types the declaration's schemas give. */
export function serve<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
  spec: EndpointSpec<B, Q>,
  handle: (call: ApiCall<Infer<B>, Infer<Q>>) => Promise<ApiResult> | ApiResult,
): Endpoint {
  return { ...spec, handle: handle as Endpoint["handle"] };
}

const RESULT = Symbol("api-result");

export function created(body: unknown, location?: string): ApiResult {
  return { status: 201, body, headers: location ? { Location: location } : undefined, [RESULT]: true };
}
export function withStatus(status: number, body: unknown): ApiResult {
  return { status, body, [RESULT]: true };
}

export function apiLocale(request: Request): Locale {
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}

export function problem(
  request: Request,
  status: number,
  code: string,
  extra: { errors?: unknown[]; params?: Record<string, string | number>; headers?: HeadersInit } = {},
): Response {
  const locale = apiLocale(request);
  const body = {
    type: "about:blank",
    title: translateDynamic(locale, `error.${code}`, "error.internal", extra.params),
    status,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  const headers = new Headers(extra.headers);
  headers.set("Content-Type", "application/problem+json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

export function problemFromError(request: Request, error: AppError): Response {
  const locale = apiLocale(request);
  const errors = error.fields.map((f) => ({
    field: f.field,
    code: f.code,
    message: translateDynamic(locale, `field.${f.code}`, "field.invalid", f.params),
  }));
  const headers: HeadersInit =
    error.code === "rate-limited" ? { "Retry-After": String(error.params.seconds ?? 60) } : {};
  return problem(request, error.status, error.code, {
    errors: errors.length ? errors : undefined,
    params: error.params,
    headers,
  });
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("bad-request", { message: "expected application/json" });
  try {
    return await request.json();
  } catch {
    throw new AppError("bad-request", { message: "invalid JSON" });
  }
}

/**
 * Answers one call of an endpoint: who may call it (401 without a valid caller, 403 for the
 * secretariat's endpoints without the role or its second factor), its body and query parsed with
 * its schemas (422 with each field), its handler's result as JSON, and any AppError as a problem
 * document. Anything else is logged and a 500.
 */
export async function answer(
  endpoint: Endpoint,
  state: RequestState,
  request: Request,
  params: Record<string, string | undefined>,
): Promise<Response> {
  try {
    if (state.invalidToken)
      return problem(request, 401, "unauthenticated", {
        headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
      });
    const { actor } = state;
    if (endpoint.access !== "public" && actor.kind === "anonymous") {
      return problem(request, 401, "unauthenticated", { headers: { "WWW-Authenticate": "Bearer" } });
    }
    if (endpoint.access === "secretariat" && !isSecretariat(actor)) return problem(request, 403, "forbidden");
    if (endpoint.access === "secretariat" && actor.kind === "user" && !actor.twoFactorEnabled)
      return problem(request, 403, "two-factor-required");

    let body: unknown;
    if (endpoint.body) {
      const parsed = endpoint.body.safeParse(await readJson(request));
      if (!parsed.success) throw new AppError("validation-failed", { fields: zodIssuesToFields(parsed.error.issues) });
      body = parsed.data;
    }
    let query: unknown;
    if (endpoint.query) {
      const url = new URL(request.url);
      const parsed = endpoint.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw new AppError("validation-failed", { fields: zodIssuesToFields(parsed.error.issues) });
      query = parsed.data;
    }
    const result = await endpoint.handle({ actor, state, request, params, body, query });
    if (result instanceof Response) return result;
    if (result && typeof result === "object" && RESULT in result) {
      const r = result as unknown as { status: number; body: unknown; headers?: HeadersInit };
      const headers = new Headers(r.headers);
      headers.set("Cache-Control", "no-store");
      return Response.json(r.body, { status: r.status, headers });
    }
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return problemFromError(request, error);
    state.services.logger.error(
      { err: error instanceof Error ? error.message : String(error), path: new URL(request.url).pathname },
      "api error",
    );
    return problem(request, 500, "internal");
  }
}

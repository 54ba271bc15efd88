/**
 * The JSON API's one shape. An endpoint is declared once (method, path, access, zod schemas);
 * the same declaration validates requests and feeds /api/openapi.json. Errors are RFC 9457
 * problem documents with a stable `code`; messages follow Accept-Language (Japanese unless the
 * client asks for English).
 *
 *   const getMe = defineEndpoint({ method: "GET", path: "/api/v1/me", … });   // also in /api/openapi.json
 *   export const loader = (args) => handleApi(args, getMe, async ({ actor }) => …);
 */
import type { z } from "zod";
import type { RouterContextProvider } from "react-router";
import { AppError, isAppError } from "#core/shared/errors.ts";
import { zodIssuesToFields } from "#core/shared/validation.ts";
import type { Actor } from "#core/accounts/actor.ts";
import { isSecretariat } from "#core/accounts/actor.ts";
import { localeFromAcceptLanguage, translateDynamic, type Locale } from "#i18n/index.ts";
import { stateOf, type RequestState } from "../context.ts";
import type { EndpointSpec } from "./api-spec.ts";

export { defineEndpoint, type EndpointSpec } from "./api-spec.ts";

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ApiCall<B, Q> {
  actor: Actor;
  state: RequestState;
  request: Request;
  params: Record<string, string | undefined>;
  body: B;
  query: Q;
}

/** What a handler returns: a value (200 JSON), or an explicit status with a body. */
export type ApiResult = unknown | { status: number; body: unknown; headers?: HeadersInit };

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

export async function handleApi<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
  args: { request: Request; context: Readonly<RouterContextProvider>; params: Record<string, string | undefined> },
  spec: EndpointSpec<B, Q>,
  run: (call: ApiCall<Infer<B>, Infer<Q>>) => Promise<ApiResult>,
): Promise<Response> {
  const { request, context, params } = args;
  const state = stateOf(context);
  try {
    if (request.method !== spec.method) {
      return problem(request, 405, "bad-request", { headers: { Allow: spec.method } });
    }
    if (state.invalidToken)
      return problem(request, 401, "unauthenticated", {
        headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
      });
    const { actor } = state;
    if (spec.access !== "public" && actor.kind === "anonymous") {
      return problem(request, 401, "unauthenticated", { headers: { "WWW-Authenticate": "Bearer" } });
    }
    if (spec.access === "secretariat" && !isSecretariat(actor)) return problem(request, 403, "forbidden");
    if (spec.access === "secretariat" && actor.kind === "user" && !actor.twoFactorEnabled)
      return problem(request, 403, "two-factor-required");

    let body: unknown;
    if (spec.body) {
      const parsed = spec.body.safeParse(await readJson(request));
      if (!parsed.success) throw new AppError("validation-failed", { fields: zodIssuesToFields(parsed.error.issues) });
      body = parsed.data;
    }
    let query: unknown;
    if (spec.query) {
      const url = new URL(request.url);
      const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw new AppError("validation-failed", { fields: zodIssuesToFields(parsed.error.issues) });
      query = parsed.data;
    }
    const result = await run({ actor, state, request, params, body: body as Infer<B>, query: query as Infer<Q> });
    if (result && typeof result === "object" && RESULT in result) {
      const r = result as unknown as { status: number; body: unknown; headers?: HeadersInit };
      const headers = new Headers(r.headers);
      headers.set("Cache-Control", "no-store");
      return Response.json(r.body, { status: r.status, headers });
    }
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return problemFromError(request, error);
    if (error instanceof Response) throw error;
    state.services.logger.error(
      { err: error instanceof Error ? error.message : String(error), path: new URL(request.url).pathname },
      "api error",
    );
    return problem(request, 500, "internal");
  }
}

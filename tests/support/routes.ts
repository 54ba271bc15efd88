/**
 * Calls a route's action or loader in process, as server/http.ts would after resolving the caller:
 * for the logic a route holds between the form and its one core call (which fields it reads, how
 * it splits them, where it redirects, which status an error gets), without building the app or
 * starting a server.
 *
 *   const result = await callRoute(action, { services, actor, url: "/surveys/1", form: { intent: "invite" } });
 *   expect(result.status).toBe(200);
 */
import type { Actor } from "../../core/accounts/actor.ts";
import { type Locale, translate } from "../../i18n/index.ts";
import type { Services } from "../../server/services.ts";
import { provide, type RequestState } from "../../app/context.ts";

export interface RouteCall {
  services: Services;
  actor: Actor;
  /** A path on the site (`/surveys/abc?x=1`) or a full URL. */
  url: string;
  params?: Record<string, string>;
  /** Sent as a urlencoded body (a POST); a value list repeats the field. */
  form?: Record<string, string | string[]>;
  locale?: Locale;
  headers?: Record<string, string>;
}

export interface RouteResult {
  status: number;
  /** The data a page would render (a thrown or returned `data(…)`, or a plain object). */
  data: any;
  /** Where a redirect goes. */
  location: string | null;
  headers: Headers;
}

type Handler = (args: any) => unknown;

export async function callRoute(handler: Handler, call: RouteCall): Promise<RouteResult> {
  const locale = call.locale ?? "ja";
  const state: RequestState = {
    services: call.services,
    actor: call.actor,
    locale,
    t: (key, params) => translate(locale, key, params),
    nonce: "test-nonce",
    invalidToken: false,
  };
  const body = call.form ? new URLSearchParams() : undefined;
  for (const [name, value] of Object.entries(call.form ?? {}))
    for (const v of Array.isArray(value) ? value : [value]) body!.append(name, v);
  const request = new Request(new URL(call.url, "http://chiiki.test"), {
    method: body ? "POST" : "GET",
    headers: call.headers,
    body,
  });
  let outcome: unknown;
  try {
    // React Router 8 hands loaders the parsed URL too (the registry's record pages read it).
    outcome = await handler({ request, url: new URL(request.url), params: call.params ?? {}, context: provide(state) });
  } catch (thrown) {
    outcome = thrown;
  }
  return resultOf(outcome);
}

async function resultOf(outcome: unknown): Promise<RouteResult> {
  if (outcome instanceof Response) {
    const text = await outcome.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {}
    return { status: outcome.status, data, location: outcome.headers.get("Location"), headers: outcome.headers };
  }
  // React Router's data(value, init): { type: "DataWithResponseInit", data, init }.
  if (outcome && typeof outcome === "object" && (outcome as any).type === "DataWithResponseInit") {
    const { data, init } = outcome as { data: unknown; init?: ResponseInit | null };
    return { status: init?.status ?? 200, data, location: null, headers: new Headers(init?.headers) };
  }
  if (outcome instanceof Error) throw outcome;
  return { status: 200, data: outcome, location: null, headers: new Headers() };
}

/**
 * Turns core outcomes into HTTP for pages: AppErrors become route error responses with their
 * status (or a redirect to sign-in / two-factor enrolment), and form failures become data the
 * form shows beside each field. The one mapping lives in core/shared/errors.ts.
 */
import { data, redirect } from "react-router";
import { pathInsideCommunity } from "./base-path.server.ts";
import { AppError, isAppError } from "#core/shared/errors.ts";
import { clientKey } from "#core/shared/rate-limit.ts";
import { isSecretariat, type Actor } from "#core/accounts/actor.ts";
import { translateDynamic, type Locale } from "#i18n/index.ts";
import type { RequestState } from "../context.ts";

export interface FormFailure {
  ok: false;
  code: string;
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export function formValues(
  formData: FormData,
  omit: string[] = ["password", "passwordConfirm", "currentPassword", "newPassword", "code"],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  return values;
}

export function describeError(error: AppError, locale: Locale) {
  const fields: Record<string, string> = {};
  for (const issue of error.fields) {
    fields[issue.field] ??= translateDynamic(locale, `field.${issue.code}`, "field.invalid", issue.params);
  }
  return {
    code: error.code,
    message: translateDynamic(locale, `error.${error.code}`, "error.internal", error.params),
    fields,
  };
}

/**
 * Runs a form's use case; an AppError becomes a 4xx with messages for the form. `withFailure`
 * adds what the page needs to show the form again (a step, a QR code) to the failure.
 */
export async function runForm<T, E extends object = object>(
  state: RequestState,
  formData: FormData,
  run: () => Promise<T>,
  withFailure?: () => E | Promise<E>,
) {
  try {
    return await run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const described = describeError(error, state.locale);
    const extra = withFailure ? await withFailure() : ({} as E);
    return data<FormFailure & E>(
      { ...extra, ok: false, ...described, values: formValues(formData) },
      { status: error.status },
    );
  }
}

/**
 * The client a per-client limit counts (`clientKey`: an IPv4 address, or an IPv6 /64). server/http.ts
 * replaces X-Forwarded-For with the one address it resolved (behind CHIIKI_TRUST_PROXY, the
 * proxy's word for it; otherwise the socket's), so whatever a client sent there is gone.
 */
export function clientOf(request: Request): string {
  return clientKey(request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown");
}

export function isFailure(value: unknown): value is FormFailure {
  return Boolean(value && typeof value === "object" && (value as FormFailure).ok === false);
}

/**
 * A refusal a loader throws: JSON with its status. A page's ErrorBoundary receives its data as a
 * route error response; a resource route (a download, a feed) sends it as it is (React Router
 * keeps a thrown Response, where a thrown `data()` would lose its body there).
 */
function refusal(described: ReturnType<typeof describeError>, status: number): Response {
  return Response.json(described, { status, headers: { "Cache-Control": "no-store" } });
}

/** For loaders: AppErrors become error responses the ErrorBoundary renders. */
export async function orRespond<T>(state: RequestState, request: Request, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "unauthenticated") throw signInRedirect(request);
    if (error.code === "two-factor-required") throw redirect("/account/two-factor");
    throw refusal(describeError(error, state.locale), error.status);
  }
}

export function signInRedirect(request: Request) {
  const url = new URL(request.url);
  // A client-side navigation asks for `/path.data?_routes=…`; come back to the page itself, given
  // inside the community's prefix (React Router adds it to the redirect).
  url.pathname = pathInsideCommunity(url.pathname).replace(/(\/_root)?\.data$/, "") || "/";
  url.searchParams.delete("_routes");
  return redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function requireUserPage(state: RequestState, request: Request): Extract<Actor, { kind: "user" }> {
  if (state.actor.kind !== "user") throw signInRedirect(request);
  return state.actor;
}

export function requireSecretariatPage(state: RequestState, request: Request): Extract<Actor, { kind: "user" }> {
  const actor = requireUserPage(state, request);
  if (!isSecretariat(actor)) throw refusal(describeError(new AppError("forbidden"), state.locale), 403);
  if (!actor.twoFactorEnabled) throw redirect("/account/two-factor");
  return actor;
}

/** Any origin of our own: only whether a target stays on it matters, not which one it is. */
const REDIRECT_BASE = "https://chiiki.invalid";

/**
 * Only same-site paths may be redirect targets (no open redirects). A target is parsed the way a
 * browser parses a Location header (WHATWG URL, against our origin) and must stay on that origin
 * with a path that starts with one slash. Refused before parsing, because browsers and servers
 * disagree about them: control characters (the URL parser drops a tab or newline, so a slash, a
 * tab and `/evil.example` become `//evil.example`; a newline is no valid header either),
 * backslashes (read as slashes) and encoded slashes, backslashes or control characters. The answer
 * is the parsed URL's own serialisation, so anything else the value held arrives percent-encoded.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f-\u009f\\]|^\/\/|%(2f|5c|[01][0-9a-f]|7f)/i.test(value))
    return fallback;
  let url: URL;
  try {
    url = new URL(value, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  return url.origin === REDIRECT_BASE && path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

/** A generated file as a download nobody caches (reports, sheets): the body, its type and its name. */
export function attachment(file: { body: Uint8Array; contentType: string; fileName: string }): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

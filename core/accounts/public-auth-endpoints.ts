/**
 * The Better Auth endpoints a browser may reach over HTTP under /api/auth (issue 13, item 6).
 * Everything the product does with accounts goes through its own pages, which call Better Auth on
 * the server (`auth.api.*`, no HTTP); over HTTP only the links we mail arrive. Every other
 * endpoint (update-user, sign-up, change-email, sign-in/magic-link, request-password-reset, the
 * two-factor and session APIs…, and whatever a Better Auth upgrade adds) answers 404, so nothing
 * skips the pages' validation and per-address limits.
 */
const PUBLIC_AUTH_ENDPOINTS: ReadonlyArray<{ method: string; path: RegExp; why: string }> = [
  { method: "GET", path: /^\/magic-link\/verify$/, why: "the sign-in link in a mail" },
  { method: "GET", path: /^\/reset-password\/[A-Za-z0-9_-]+$/, why: "the reset link in a mail (to /reset-password)" },
  { method: "GET", path: /^\/ok$/, why: "Better Auth's health check (says nothing)" },
];

export const AUTH_BASE_PATH = "/api/auth";

/** Whether `method` + `pathname` (the full path, starting with /api/auth) is one Better Auth may serve. */
export function isPublicAuthEndpoint(method: string, pathname: string): boolean {
  if (!pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  const rest = pathname.slice(AUTH_BASE_PATH.length);
  const verb = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return PUBLIC_AUTH_ENDPOINTS.some((endpoint) => endpoint.method === verb && endpoint.path.test(rest));
}

import { consumeRateLimit } from "#core/shared/rate-limit.ts";
import { AppError } from "#core/shared/errors.ts";
import type { RequestState } from "../context.ts";

/**
 * Sign-in, magic links and password resets are limited per address and per client, on top of
 * Better Auth's own limits (which only see requests that go through its HTTP handler).
 */
export async function limitAuthAttempt(state: RequestState, request: Request, kind: string, email: string | undefined) {
  const { services } = state;
  if (!services.env.rateLimits) return;
  const ip = request.headers.get("x-forwarded-for") ?? "unknown";
  await consumeRateLimit(services.database.db, services.clock, {
    key: `${kind}:ip:${ip}`,
    limit: 20,
    windowMs: 15 * 60_000,
  });
  if (email)
    await consumeRateLimit(services.database.db, services.clock, {
      key: `${kind}:email:${email.trim().toLowerCase()}`,
      limit: 5,
      windowMs: 15 * 60_000,
    });
}

export function requiredEmail(value: FormDataEntryValue | null): string {
  const email = typeof value === "string" ? value.trim() : "";
  if (!email) throw new AppError("validation-failed", { fields: [{ field: "email", code: "required" }] });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError("validation-failed", { fields: [{ field: "email", code: "email" }] });
  return email.toLowerCase();
}

import { type firstRunSchema, installFirstSecretariat } from "./create-secretariat-account.ts";
import type { AccountsDeps } from "./deps.ts";
import type { z } from "zod";
import { limitSignInAttempt } from "./limit-sign-in-attempt.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

/**
 * The first-run page: the first secretariat account, then signed in at once with its password
 * (the root layout then leads to TOTP enrolment, which is required). Every attempt counts against
 * the client first (`setup`, 10 in 15 minutes), so the open page cannot be hammered.
 */
export async function completeFirstRun(
  deps: AccountsDeps,
  input: z.input<typeof firstRunSchema> | Record<string, unknown>,
  requestHeaders: Headers,
  client: string,
): Promise<{ cookies: Headers }> {
  await limitSignInAttempt(deps, "setup", client);
  await installFirstSecretariat(deps, input);
  const credentials = { email: input.email, password: input.password };
  const { cookies } = await signInWithPassword(deps, credentials, requestHeaders);
  return { cookies };
}

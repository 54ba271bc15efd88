import { acceptInvitation } from "./accept-invitation.ts";
import type { Actor } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

/**
 * The invitation page's form: accepts the invitation (accept-invitation.ts) and, when that made a
 * new account, signs it in with the password just chosen, as any sign-in does. `cookies` is null
 * for an existing account, which was signed in already.
 */
export async function joinByInvitation(
  deps: AccountsDeps,
  actor: Actor,
  token: string,
  input: { newPassword?: unknown; passwordConfirm?: unknown },
  requestHeaders: Headers,
): Promise<{ cookies: Headers | null }> {
  const accepted = await acceptInvitation(deps, actor, token, input);
  if (!accepted.created) return { cookies: null };
  const credentials = { email: accepted.email, password: String(input.newPassword) };
  const { cookies } = await signInWithPassword(deps, credentials, requestHeaders);
  return { cookies };
}

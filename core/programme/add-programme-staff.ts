import type { Actor } from "../accounts/actor.ts";
import { PASSWORD_MIN_LENGTH } from "../accounts/create-auth.ts";
import type { AccountsDeps } from "../accounts/deps.ts";
import { insertUser } from "../accounts/insert-user.ts";
import { AppError } from "../shared/errors.ts";
import type { ProgrammeDeps } from "./deps.ts";

/**
 * Makes the account with `email` staff of the programme `slug` (it sees the programme's
 * aggregate figures and nothing of any community's own pages). An account of any community is
 * used as it is; with a name and a password, an account is made for someone who has none (it holds
 * no role in any community). Only the operator at the command line.
 */
export async function addProgrammeStaff(
  deps: ProgrammeDeps & { accounts?: AccountsDeps },
  actor: Actor,
  input: { programme: string; email: string; name?: string; password?: string },
): Promise<{ userId: string; added: boolean; created: boolean }> {
  if (actor.kind !== "system") throw new AppError("forbidden");
  const programme = await deps.root
    .selectFrom("programmes")
    .select("id")
    .where("slug", "=", input.programme.trim())
    .executeTakeFirst();
  if (!programme)
    throw new AppError("validation-failed", { fields: [{ field: "programme", code: "programme-unknown" }] });
  const email = input.email.trim().toLowerCase();
  let user = await deps.root.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  let created = false;
  if (!user) {
    if (!deps.accounts || !input.name?.trim() || !input.password)
      throw new AppError("validation-failed", { fields: [{ field: "email", code: "programme-account-unknown" }] });
    if (input.password.length < PASSWORD_MIN_LENGTH)
      throw new AppError("validation-failed", {
        fields: [{ field: "password", code: "too-short", params: { min: PASSWORD_MIN_LENGTH } }],
      });
    const passwordHash = await (await deps.accounts.auth.$context).password.hash(input.password);
    const id = await insertUser(deps.root, deps.dialect, deps.clock, {
      name: input.name.trim(),
      email,
      passwordHash,
      emailVerified: true,
    });
    user = { id };
    created = true;
  }
  const already = await deps.root
    .selectFrom("programme_staff")
    .select("user_id")
    .where("programme_id", "=", programme.id)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!already)
    await deps.root
      .insertInto("programme_staff")
      .values({ programme_id: programme.id, user_id: user.id, created_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(["programme_id", "user_id"]).doNothing())
      .execute();
  return { userId: user.id, added: !already, created };
}

import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { ProgrammeDeps } from "./deps.ts";

/**
 * Makes the account with `email` staff of the programme `slug` (it sees the programme's
 * aggregate figures and nothing of any community's own pages). The account must exist already
 * (`npx chiiki account create`, or an invitation from any community). Only the operator.
 */
export async function addProgrammeStaff(
  deps: ProgrammeDeps,
  actor: Actor,
  input: { programme: string; email: string },
): Promise<{ userId: string; added: boolean }> {
  if (actor.kind !== "system") throw new AppError("forbidden");
  const programme = await deps.root
    .selectFrom("programmes")
    .select("id")
    .where("slug", "=", input.programme.trim())
    .executeTakeFirst();
  if (!programme) throw new AppError("validation-failed", { fields: [{ field: "programme", code: "programme-unknown" }] });
  const user = await deps.root
    .selectFrom("user")
    .select("id")
    .where("email", "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new AppError("validation-failed", { fields: [{ field: "email", code: "programme-account-unknown" }] });
  const inserted = await deps.root
    .insertInto("programme_staff")
    .values({ programme_id: programme.id, user_id: user.id, created_at: deps.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(["programme_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return { userId: user.id, added: Number(inserted.numInsertedRows ?? 0) > 0 };
}

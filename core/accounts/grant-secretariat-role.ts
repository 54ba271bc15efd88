import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { type Actor, requireSecretariat } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";

const grantSchema = z.object({ email: z.email().trim().toLowerCase() });

/**
 * The operator makes an account the installation already has (a secretariat of another
 * community) a secretariat of this one too: accounts belong to the installation, roles to each
 * community (ADR 035). Only the command line may, as only it creates communities; the account's
 * password and second factor stay as they are. Null when this is no such account: no valid
 * address, no account with it, or one that already holds a role in this community (creating it
 * then refuses the address as taken, field by field with the rest of the form).
 */
export async function grantSecretariatRole(
  deps: AccountsDeps,
  actor: Actor,
  input: { email: string },
): Promise<{ userId: string } | null> {
  requireSecretariat(actor);
  if (actor.kind !== "system") throw new AppError("forbidden");
  const parsed = grantSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email } = parsed.data;
  const user = await deps.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  if (!user) return null;
  return deps.db.transaction().execute(async (trx) => {
    const held = await trx.selectFrom("role_grants").select("id").where("user_id", "=", user.id).executeTakeFirst();
    if (held) return null;
    await trx
      .insertInto("role_grants")
      .values({
        id: newId(),
        user_id: user.id,
        role: "secretariat",
        scope_type: "global",
        scope_id: null,
        created_at: deps.clock.now().toISOString(),
        created_by: null,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "role.grant",
      entityType: "user",
      entityId: user.id,
      after: { email, role: "secretariat" },
    });
    return { userId: user.id };
  });
}

import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB, Row } from "../../db/schema.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import type { AccountsDeps } from "./deps.ts";
import { insertUser } from "./insert-user.ts";

/** An invitation that can still be accepted, or `invitation-invalid` (410) for any other. */
export async function findOpenInvitation(deps: Pick<AccountsDeps, "db" | "clock">, token: string): Promise<Row<"invitations">> {
  const invitation = await deps.db.selectFrom("invitations").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at <= deps.clock.now().toISOString()) {
    throw new AppError("invitation-invalid");
  }
  return invitation;
}

/**
 * Accepts an invitation: creates the user if the address is new (its address is verified by
 * this very link), adds the role, and marks the invitation used, all in one transaction; the
 * conditional UPDATE makes a second acceptance of the same link fail.
 */
export async function acceptInvitation(deps: AccountsDeps, token: string): Promise<{ userId: string; email: string }> {
  const invitation = await findOpenInvitation(deps, token);
  return deps.db.transaction().execute(async (trx: Kysely<DB>) => {
    const now = deps.clock.now().toISOString();
    const used = await trx
      .updateTable("invitations")
      .set({ accepted_at: now })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError("invitation-invalid");

    const existing = await trx.selectFrom("user").select("id").where("email", "=", invitation.email).executeTakeFirst();
    const userId = existing?.id ?? (await insertUser(trx, deps.dialect, deps.clock, { name: invitation.name, email: invitation.email, emailVerified: true }));
    const already = await trx
      .selectFrom("role_grants")
      .select("id")
      .where("user_id", "=", userId)
      .where("role", "=", invitation.role)
      .where((eb) => (invitation.scope_id === null ? eb("scope_id", "is", null) : eb("scope_id", "=", invitation.scope_id)))
      .executeTakeFirst();
    if (!already) {
      await trx.insertInto("role_grants").values({
        id: newId(), user_id: userId, role: invitation.role, scope_type: invitation.scope_type,
        scope_id: invitation.scope_id, created_at: now, created_by: invitation.invited_by,
      }).execute();
    }
    await trx.updateTable("invitations").set({ user_id: userId }).where("id", "=", invitation.id).execute();
    await recordAuditEvent(trx, deps.clock, { kind: "system", name: "invitation" }, {
      action: "invitation.accept", entityType: "invitation", entityId: invitation.id,
      after: { email: invitation.email, role: invitation.role, scopeId: invitation.scope_id, userId },
    });
    return { userId, email: invitation.email };
  });
}

import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CommunityDeps } from "./deps.ts";
import { findPersonRow } from "./find-person-row.ts";

/**
 * The secretariat takes an account off a registry person (a wrong match, a person who left):
 * at once the account no longer sees the RED posts addressed to that person, nor acts for the
 * person's organisation through the registry. The account itself is untouched. Logged.
 */
export async function unlinkPersonAccount(
  deps: Pick<CommunityDeps, "db" | "clock">,
  actor: Actor,
  personId: string,
): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const person = await findPersonRow(trx, personId);
    if (person.user_id === null) return;
    const account = await trx.selectFrom("user").select("email").where("id", "=", person.user_id).executeTakeFirst();
    await trx
      .updateTable("people")
      .set({ user_id: null, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", personId)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "person.unlink-account",
      entityType: "person",
      entityId: personId,
      before: { userId: person.user_id, accountEmail: account?.email ?? null },
    });
  });
}

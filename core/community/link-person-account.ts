import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { emailAddress, parseInput } from "../shared/validation.ts";
import type { CommunityDeps } from "./deps.ts";
import { findPersonRow } from "./find-person-row.ts";

/** Either the account's address (the person form) or its id (the link queue). */
export const linkPersonAccountInput = z
  .object({
    accountEmail: emailAddress().optional(),
    userId: z.string().min(1).max(100).optional(),
  })
  .refine((v) => v.accountEmail !== undefined || v.userId !== undefined, {
    path: ["accountEmail"],
    message: "required",
  });

const issue = (code: string, params?: Record<string, string>) =>
  new AppError("validation-failed", { fields: [{ field: "accountEmail", code, params }] });

async function accountOf(db: Kysely<DB>, input: z.infer<typeof linkPersonAccountInput>) {
  const query = db.selectFrom("user").select(["id", "name", "email"]);
  const account = input.userId
    ? await query.where("id", "=", input.userId).executeTakeFirst()
    : await query.where("email", "=", input.accountEmail!).executeTakeFirst();
  if (!account) throw issue("community-account-unknown");
  return account;
}

/**
 * The secretariat links an account to a registry person (issue 16, item 2): from then on the
 * account is that person for TLP:RED (posts addressed to them), for the organisation the person
 * belongs to, and for what download stamps print. One account is one person and one person has at
 * most one account; a person already linked is unlinked first, deliberately. Logged with both sides.
 */
export async function linkPersonAccount(
  deps: Pick<CommunityDeps, "db" | "clock">,
  actor: Actor,
  personId: string,
  input: unknown,
): Promise<{ personId: string; userId: string }> {
  requireSecretariat(actor);
  const parsed = parseInput(linkPersonAccountInput, input);
  return deps.db.transaction().execute(async (trx) => {
    const person = await findPersonRow(trx, personId);
    const account = await accountOf(trx, parsed);
    if (person.user_id === account.id) return { personId, userId: account.id };
    if (person.user_id !== null) throw issue("community-person-has-account");
    const other = await trx
      .selectFrom("people")
      .select(["id", "family_name", "given_name"])
      .where("user_id", "=", account.id)
      .executeTakeFirst();
    if (other) throw issue("community-account-linked-elsewhere", { name: `${other.family_name} ${other.given_name}` });
    const now = deps.clock.now().toISOString();
    const updated = await trx
      .updateTable("people")
      .set({ user_id: account.id, updated_at: now })
      .where("id", "=", personId)
      .where("user_id", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("conflict");
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "person.link-account",
      entityType: "person",
      entityId: personId,
      after: { userId: account.id, accountEmail: account.email },
    });
    return { personId, userId: account.id };
  });
}

import { z } from "zod";
import { getCommunityName } from "./get-community-name.ts";
import { accountNameSchema } from "./account-name.ts";
import { newId } from "../../db/ids.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { parseInput } from "../shared/validation.ts";
import { accountLocale } from "./account-locales.ts";
import { renderAccountMail } from "./account-mail.ts";
import { type Actor, actorLabel, requireSecretariat, roleScope } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { grantFields, requireScope, scopeGivenUnlessGlobal } from "./role-scopes.ts";

export const INVITATION_DAYS = 7;

export const inviteUserSchema = z
  .object({
    email: z.email().trim().toLowerCase().max(254),
    name: accountNameSchema,
    ...grantFields,
    locale: z.enum(["ja", "en"]).default("ja"),
  })
  .refine(...scopeGivenUnlessGlobal);
export type InviteUserInput = z.input<typeof inviteUserSchema>;

/**
 * Records an invitation and queues its mail in one transaction. Only the token's hash is kept;
 * the token itself exists only in the mail.
 */
export async function inviteUser(
  deps: AccountsDeps,
  actor: Actor,
  input: InviteUserInput,
): Promise<{ id: string; token: string }> {
  requireSecretariat(actor);
  const data = parseInput(inviteUserSchema, input);
  await requireScope(deps.db, data.role, data.scopeId);
  const token = newSecretToken();
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const community = await getCommunityName(deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("invitations")
      .values({
        id,
        email: data.email,
        name: data.name,
        role: data.role,
        scope_type: roleScope[data.role],
        scope_id: data.scopeId,
        token_hash: sha256(token),
        invited_by: actor.kind === "user" ? actor.userId : null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
        accepted_at: null,
        user_id: null,
      })
      .execute();
    const mail = renderAccountMail("invitation", {
      url: `${deps.baseUrl}/invite/${token}`,
      name: data.name,
      // Someone who has an account already reads it in the language they chose there.
      locale: await accountLocale(trx, { email: data.email }, data.locale),
      inviter: actor.kind === "user" ? actor.name : actorLabel(actor),
      community,
    });
    await enqueueMail(trx, deps.clock, { to: data.email, ...mail }, new URL(deps.baseUrl).hostname);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "invitation.create",
      entityType: "invitation",
      entityId: id,
      after: { email: data.email, name: data.name, role: data.role, scopeId: data.scopeId },
    });
  });
  deps.onMailQueued?.();
  return { id, token };
}

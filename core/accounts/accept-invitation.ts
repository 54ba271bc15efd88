import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB, Row } from "../../db/schema.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError, isAppError } from "../shared/errors.ts";
import type { Actor, Role } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { insertUser } from "./insert-user.ts";
import { parseNewPassword } from "./new-password.ts";
import { requireScope } from "./role-scopes.ts";

/** An invitation that can still be accepted, or `invitation-invalid` (410) for any other. */
export async function findOpenInvitation(
  deps: Pick<AccountsDeps, "db" | "clock">,
  token: string,
): Promise<Row<"invitations">> {
  const invitation = await deps.db
    .selectFrom("invitations")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at <= deps.clock.now().toISOString()) {
    throw new AppError("invitation-invalid");
  }
  return invitation;
}

export interface InvitationView {
  name: string;
  email: string;
  role: string;
  expiresAt: string;
  /**
   * What accepting takes: `new-account` (choose a password), `sign-in` (the address has an
   * account: sign in as it first), `accept` (signed in as that account), `other-account` (signed
   * in as someone else).
   */
  step: "new-account" | "sign-in" | "accept" | "other-account";
}

/** What the invitation page shows to whoever opened the link (a GET: it changes nothing). */
export async function describeInvitation(
  deps: Pick<AccountsDeps, "db" | "clock">,
  actor: Actor,
  token: string,
): Promise<InvitationView> {
  const invitation = await findOpenInvitation(deps, token);
  const existing = await accountWithAddress(deps.db, invitation.email);
  const { name, email, role } = invitation;
  return { name, email, role, expiresAt: invitation.expires_at, step: stepFor(actor, email, existing?.id ?? null) };
}

function accountWithAddress(db: Kysely<DB>, email: string) {
  return db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
}

function stepFor(actor: Actor, email: string, existingUserId: string | null): InvitationView["step"] {
  if (actor.kind === "user" && actor.email.toLowerCase() !== email) return "other-account";
  if (!existingUserId) return "new-account";
  return actor.kind === "user" && actor.userId === existingUserId ? "accept" : "sign-in";
}

/**
 * Accepts an invitation (issue 13, item 1). The link proves only that someone can read the
 * invitee's mailbox, so it never signs anybody in by itself:
 *
 * - an address that already has an account: only that account, signed in (with its password, and
 *   its second factor where enrolled: `resolveActor` gives no actor before that), may accept; the
 *   role is added to it. Anyone else gets `invitation-sign-in-required` / `invitation-other-account`.
 * - a new address: the invitee chooses a password here; the account is created with it. The page
 *   then signs in with that password like any other sign-in, so a secretariat invitee still has to
 *   enrol TOTP before any secretariat page or API answers (`requireSecretariat`).
 *
 * User, role, invitation and audit record commit together; the conditional UPDATE makes a second
 * acceptance of the same link fail.
 */
export async function acceptInvitation(
  deps: AccountsDeps,
  actor: Actor,
  token: string,
  input: { newPassword?: unknown; passwordConfirm?: unknown } = {},
): Promise<{ userId: string; email: string; created: boolean }> {
  const invitation = await findOpenInvitation(deps, token);
  const existing = await accountWithAddress(deps.db, invitation.email);
  const step = stepFor(actor, invitation.email, existing?.id ?? null);
  if (step === "other-account") throw new AppError("invitation-other-account");
  if (step === "sign-in") throw new AppError("invitation-sign-in-required");
  const passwordHash =
    step === "new-account" ? await (await deps.auth.$context).password.hash(parseNewPassword(input)) : null;

  return deps.db.transaction().execute(async (trx: Kysely<DB>) => {
    const now = deps.clock.now().toISOString();
    const used = await trx
      .updateTable("invitations")
      .set({ accepted_at: now })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError("invitation-invalid");

    // Decided again inside the transaction: an account made for this address since the check
    // above (a second tab, the CLI) must not be taken over by this link.
    const current = await accountWithAddress(trx, invitation.email);
    if ((current?.id ?? null) !== (existing?.id ?? null)) throw new AppError("invitation-sign-in-required");
    // What the role is over (an organisation, a group, an event) may have gone since the
    // invitation was sent: no role over nothing, and nothing of this acceptance is kept.
    await requireScope(trx, invitation.role as Role, invitation.scope_id).catch((error: unknown) => {
      throw isAppError(error) && error.code === "validation-failed" ? new AppError("invitation-scope-gone") : error;
    });
    const userId =
      current?.id ??
      (await insertUser(trx, deps.dialect, deps.clock, {
        name: invitation.name,
        email: invitation.email,
        emailVerified: true,
        passwordHash: passwordHash!,
      }));
    const already = await trx
      .selectFrom("role_grants")
      .select("id")
      .where("user_id", "=", userId)
      .where("role", "=", invitation.role)
      .where((eb) =>
        invitation.scope_id === null ? eb("scope_id", "is", null) : eb("scope_id", "=", invitation.scope_id),
      )
      .executeTakeFirst();
    if (!already) {
      await trx
        .insertInto("role_grants")
        .values({
          id: newId(),
          user_id: userId,
          role: invitation.role,
          scope_type: invitation.scope_type,
          scope_id: invitation.scope_id,
          created_at: now,
          created_by: invitation.invited_by,
        })
        .execute();
    }
    await trx.updateTable("invitations").set({ user_id: userId }).where("id", "=", invitation.id).execute();
    const personId = await linkPersonRecord(trx, userId, invitation.email, now);
    const who = actor.kind === "user" ? actor : ({ kind: "system", name: "invitation" } as const);
    await recordAuditEvent(trx, deps.clock, who, {
      action: "invitation.accept",
      entityType: "invitation",
      entityId: invitation.id,
      after: {
        email: invitation.email,
        role: invitation.role,
        scopeId: invitation.scope_id,
        userId,
        newAccount: !current,
        personId,
      },
    });
    return { userId, email: invitation.email, created: !current };
  });
}

/**
 * Links the account to the registry's person with the same address (issue 16, item 2), so that
 * what the person may see and what stamps show follow the registry. Only when exactly one
 * unlinked person has that address and the account has none yet; otherwise the secretariat
 * decides. Returns the linked person's id, or null.
 */
async function linkPersonRecord(trx: Kysely<DB>, userId: string, email: string, now: string): Promise<string | null> {
  const linked = await trx.selectFrom("people").select("id").where("user_id", "=", userId).executeTakeFirst();
  if (linked) return null;
  const candidates = await trx
    .selectFrom("people")
    .select(["id", "user_id"])
    .where("email", "=", email.toLowerCase())
    .limit(2)
    .execute();
  const person = candidates.length === 1 ? candidates[0]! : null;
  if (!person || person.user_id !== null) return null;
  await trx
    .updateTable("people")
    .set({ user_id: userId, updated_at: now })
    .where("id", "=", person.id)
    .where("user_id", "is", null)
    .execute();
  return person.id;
}

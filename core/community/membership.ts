/**
 * The one definition of "a member of the community", used by every capability that admits or
 * counts members: members-only seminars (core/events), the TLP:GREEN audience and members-only
 * talk materials (core/sharing/load-viewer.ts), mailings' "all members" audience
 * (core/mailings/resolve-audience.ts). docs/access-control.md lists them.
 *
 * An organisation is a member when its registry membership is `member` or `partner`; `none`
 * (a contact, a past member, a prospect) is not. A person is a member of the community when they
 * act for a member organisation — an organisation-scoped `member` role grant, or the organisation
 * of their registry person record — or lead one of its groups, or belong to the secretariat.
 * A `member` role grant on its own says only whose data an account may act on, not that the
 * organisation belongs to the community.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, hasRole, isSecretariat } from "../accounts/actor.ts";
import type { Membership } from "./codes.ts";

/** The registry memberships that make an organisation part of the community. */
export const memberMemberships = ["member", "partner"] as const satisfies readonly Membership[];

export function isMemberOrganisation(membership: string): boolean {
  return (memberMemberships as readonly string[]).includes(membership);
}

/** The decision itself, from what a caller already loaded. */
export function isCommunityMember(who: {
  secretariat: boolean;
  groupLead: boolean;
  organisationMemberships: readonly string[];
}): boolean {
  return who.secretariat || who.groupLead || who.organisationMemberships.some(isMemberOrganisation);
}

/** The organisations an account acts for: its member grants and its registry person's organisation. */
export async function organisationsActedFor(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  const granted = actor.grants.filter((g) => g.role === "member" && g.scopeId).map((g) => g.scopeId!);
  const person =
    actor.kind === "user"
      ? await db.selectFrom("people").select("organisation_id").where("user_id", "=", actor.userId).executeTakeFirst()
      : undefined;
  return [...new Set([...granted, ...(person?.organisation_id ? [person.organisation_id] : [])])];
}

/** Whether the caller is a member of the community (see above); the system (CLI) is trusted like the secretariat. */
export async function actorIsCommunityMember(db: Kysely<DB>, actor: Actor): Promise<boolean> {
  if (actor.kind === "anonymous") return false;
  if (actor.kind === "system" || isSecretariat(actor)) return true;
  if (hasRole(actor, "group-lead")) return true;
  const ids = await organisationsActedFor(db, actor);
  if (ids.length === 0) return false;
  const rows = await db.selectFrom("organisations").select("membership").where("id", "in", ids).execute();
  return isCommunityMember({
    secretariat: false,
    groupLead: false,
    organisationMemberships: rows.map((r) => r.membership),
  });
}

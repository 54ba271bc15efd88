import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, hasRole, isSecretariat } from "../accounts/actor.ts";
import { isCommunityMember } from "../community/membership.ts";
import { publicViewer, type Viewer } from "./decide-access.ts";

/** A Viewer with what a download stamp and the download log say about them. */
export interface SharingViewer extends Viewer {
  userId: string | null;
  /** From the registry person linked to the account when there is one, else the account's name, cleaned. */
  name: string;
  organisationName: string | null;
}

/**
 * An account's own name as a stamp may print it: anyone can type theirs, so control characters,
 * bidirectional overrides and runs of white space go, and it is cut to 100 characters.
 */
export function cleanAccountName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
}

/** The name a registry person goes by (family name first, as the registry shows it). */
function personName(person: { family_name: string; given_name: string }): string {
  return cleanAccountName(`${person.family_name} ${person.given_name}`);
}

/**
 * Builds the Viewer for one request from the Actor and the registry: which organisations the
 * caller acts for, whether one of them is a member or partner, the registry person and the events
 * they registered for. Rebuilt on every call; nothing is cached.
 */
export async function loadViewer(db: Kysely<DB>, actor: Actor): Promise<SharingViewer> {
  if (actor.kind === "anonymous") return { ...publicViewer, userId: null, name: "", organisationName: null };
  if (actor.kind === "system") {
    return {
      ...publicViewer,
      signedIn: true,
      secretariat: true,
      community: true,
      userId: null,
      name: actor.name,
      organisationName: null,
    };
  }
  // The secretariat's powers need a second factor (core/accounts/actor.ts); without it a
  // secretariat account sees what any other signed-in account would.
  const secretariat = isSecretariat(actor) && (actor.kind !== "user" || actor.twoFactorEnabled);
  const grantedOrganisations = actor.grants.filter((g) => g.role === "member" && g.scopeId).map((g) => g.scopeId!);
  const userId = actor.kind === "user" ? actor.userId : null;
  const email = actor.kind === "user" ? actor.email.toLowerCase() : null;
  const person = userId
    ? await db
        .selectFrom("people")
        .select(["id", "organisation_id", "family_name", "given_name"])
        .where("user_id", "=", userId)
        .executeTakeFirst()
    : undefined;
  const organisationIds = [
    ...new Set([...grantedOrganisations, ...(person?.organisation_id ? [person.organisation_id] : [])]),
  ];
  const organisations = await organisationsOf(db, organisationIds);
  return {
    signedIn: true,
    secretariat,
    community: isCommunityMember({
      secretariat,
      groupLead: hasRole(actor, "group-lead"),
      organisationMemberships: organisations.map((o) => o.membership),
    }),
    organisationIds,
    personId: person?.id ?? null,
    email,
    attendedEventIds: await attendedEvents(db, { personId: person?.id ?? null, userId, email }),
    groupIds: await groupsOf(db, {
      personId: person?.id ?? null,
      organisationIds,
      ledGroupIds: actor.grants.filter((g) => g.role === "group-lead" && g.scopeId).map((g) => g.scopeId!),
    }),
    userId,
    // The registry's record of who this is, not the free text the account holder typed.
    name: person ? personName(person) : cleanAccountName(actor.name),
    organisationName: organisationNameOf(organisations, person?.organisation_id ?? null),
  };
}

/** The person's own organisation when they have one, else the first one they act for. */
function organisationNameOf(
  organisations: { id: string; name: string }[],
  personOrganisationId: string | null,
): string | null {
  return (organisations.find((o) => o.id === personOrganisationId) ?? organisations[0])?.name ?? null;
}

/** The Viewer of a mailing recipient: a known person (or address) who is not signed in anywhere. */
export async function loadRecipientViewer(
  db: Kysely<DB>,
  recipient: { email: string; personId: string | null; name: string },
): Promise<SharingViewer> {
  const email = recipient.email.toLowerCase();
  const person = recipient.personId
    ? await db
        .selectFrom("people")
        .select(["id", "organisation_id", "user_id", "family_name", "given_name"])
        .where("id", "=", recipient.personId)
        .executeTakeFirst()
    : undefined;
  const grants = person?.user_id
    ? await db.selectFrom("role_grants").select(["role", "scope_id"]).where("user_id", "=", person.user_id).execute()
    : [];
  const organisationIds = [
    ...new Set([
      ...grants.filter((g) => g.role === "member" && g.scope_id).map((g) => g.scope_id!),
      ...(person?.organisation_id ? [person.organisation_id] : []),
    ]),
  ];
  const organisations = await organisationsOf(db, organisationIds);
  const secretariat = grants.some((g) => g.role === "secretariat");
  return {
    signedIn: true,
    secretariat,
    community: isCommunityMember({
      secretariat,
      groupLead: grants.some((g) => g.role === "group-lead"),
      organisationMemberships: organisations.map((o) => o.membership),
    }),
    organisationIds,
    personId: person?.id ?? null,
    email,
    attendedEventIds: await attendedEvents(db, {
      personId: person?.id ?? null,
      userId: person?.user_id ?? null,
      email,
    }),
    groupIds: await groupsOf(db, {
      personId: person?.id ?? null,
      organisationIds,
      ledGroupIds: grants.filter((g) => g.role === "group-lead" && g.scope_id).map((g) => g.scope_id!),
    }),
    userId: person?.user_id ?? null,
    name: person ? personName(person) : cleanAccountName(recipient.name),
    organisationName: organisationNameOf(organisations, person?.organisation_id ?? null),
  };
}

async function organisationsOf(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("organisations")
    .select(["id", "name", "membership"])
    .where("id", "in", ids)
    .orderBy("name")
    .execute();
}

async function attendedEvents(
  db: Kysely<DB>,
  who: { personId: string | null; userId: string | null; email: string | null },
): Promise<string[]> {
  if (!who.personId && !who.userId && !who.email) return [];
  const rows = await db
    .selectFrom("registrations")
    .select("event_id")
    .where("status", "=", "confirmed")
    .where((eb) =>
      eb.or([
        ...(who.personId ? [eb("person_id", "=", who.personId)] : []),
        ...(who.userId ? [eb("user_id", "=", who.userId)] : []),
        ...(who.email ? [eb("email", "=", who.email)] : []),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.event_id))];
}

/** The registry groups a viewer belongs to: as a person, through an organisation they act for, or as its lead. */
async function groupsOf(
  db: Kysely<DB>,
  who: { personId: string | null; organisationIds: string[]; ledGroupIds: string[] },
): Promise<string[]> {
  const rows =
    who.personId || who.organisationIds.length > 0
      ? await db
          .selectFrom("group_memberships")
          .select("group_id")
          .where((eb) =>
            eb.or([
              ...(who.personId ? [eb("person_id", "=", who.personId)] : []),
              ...(who.organisationIds.length > 0 ? [eb("organisation_id", "in", who.organisationIds)] : []),
            ]),
          )
          .execute()
      : [];
  return [...new Set([...rows.map((r) => r.group_id), ...who.ledGroupIds])];
}

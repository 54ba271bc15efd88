import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { CommunityDeps } from "./deps.ts";

export interface PersonLinkCandidate {
  personId: string;
  name: string;
  organisationName: string | null;
  /** the account another person is linked to already, when so (the secretariat may unlink it first) */
  linkedToOtherAccount: boolean;
}

export interface PersonLinkQueueEntry {
  userId: string;
  accountName: string;
  accountEmail: string;
  candidates: PersonLinkCandidate[];
}

/**
 * Accounts that are no registry person yet although the registry has people with their address:
 * accepting an invitation links only when exactly one unlinked person has it
 * (`core/accounts/accept-invitation.ts`); every other case waits here for the secretariat to
 * confirm which person the account is (issue 16, item 2). Accounts made before linking existed
 * appear here too.
 */
export async function listPersonLinkQueue(
  deps: Pick<CommunityDeps, "db">,
  actor: Actor,
): Promise<PersonLinkQueueEntry[]> {
  requireSecretariat(actor);
  const rows = await deps.db
    .selectFrom("user")
    .innerJoin("people", "people.email", "user.email")
    .leftJoin("organisations", "organisations.id", "people.organisation_id")
    .select([
      "user.id as userId",
      "user.name as accountName",
      "user.email as accountEmail",
      "people.id as personId",
      "people.family_name",
      "people.given_name",
      "people.user_id as personUserId",
      "organisations.name as organisationName",
    ])
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("people as linked").select("linked.id").whereRef("linked.user_id", "=", "user.id")),
      ),
    )
    .orderBy("user.email")
    .orderBy("people.family_reading")
    .orderBy("people.id")
    .execute();
  const queue = new Map<string, PersonLinkQueueEntry>();
  for (const row of rows) {
    const entry = queue.get(row.userId) ?? {
      userId: row.userId,
      accountName: row.accountName,
      accountEmail: row.accountEmail,
      candidates: [],
    };
    entry.candidates.push({
      personId: row.personId,
      name: `${row.family_name} ${row.given_name}`.trim(),
      organisationName: row.organisationName ?? null,
      linkedToOtherAccount: row.personUserId !== null,
    });
    queue.set(row.userId, entry);
  }
  return [...queue.values()];
}

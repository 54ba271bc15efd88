import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { collectPersonalData } from "./collect-personal-data.ts";
import type { PrivacyDeps } from "./deps.ts";
import { subjectOfPerson } from "./find-subject.ts";

export interface PersonPrivacy {
  id: string;
  ref: string;
  name: string;
  hasAccount: boolean;
  /** How many records of each kind an erasure would touch (the keys of ErasureCounts). */
  counts: Record<string, number>;
}

/** What the secretariat sees before exporting or erasing one person (no data leaves: not logged). */
export async function getPersonPrivacy(deps: PrivacyDeps, actor: Actor, personId: string): Promise<PersonPrivacy> {
  requireSecretariat(actor);
  const subject = await subjectOfPerson(deps.db, deps.secret, personId);
  const held = await collectPersonalData(deps.db, subject);
  const person = held.person[0]!;
  return {
    id: personId,
    ref: subject.ref,
    name: `${person.familyName} ${person.givenName}`,
    hasAccount: held.account !== null,
    counts: {
      people: held.person.length,
      registrations: held.registrations.length,
      surveyInvitations: held.surveyInvitations.length,
      mailingRecipients: held.mailingRecipients.length,
      invitations: held.invitations.length,
      mails: held.mails.length,
      downloads: held.downloads.length,
      meetings: held.meetings.length,
      activities: held.activities.length,
      officerRoles: held.officerRoles.length,
      groupMemberships: held.groupMemberships.length,
      auditEvents: held.auditEvents.length,
      account: held.account ? 1 : 0,
    },
  };
}

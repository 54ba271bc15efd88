import { type Actor, actorLabel, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { collectPersonalData, type PersonalData } from "./collect-personal-data.ts";
import type { PrivacyDeps } from "./deps.ts";
import { subjectOfPerson } from "./find-subject.ts";
import { recordPrivacyRequest } from "./record-privacy-request.ts";

export interface PersonExport extends PersonalData {
  exportedAt: string;
  /** The person's language: their account's, else Japanese. */
  locale: "ja" | "en";
}

/**
 * 開示請求: everything held about one registry person, for the secretariat to hand over.
 * Logged (audit and the log of requests) because personal data leaves the server.
 */
export async function exportPerson(deps: PrivacyDeps, actor: Actor, personId: string): Promise<PersonExport> {
  requireSecretariat(actor);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await subjectOfPerson(trx, deps.secret, personId);
    const data = await collectPersonalData(trx, subject);
    await recordPrivacyRequest(trx, deps.clock, {
      kind: "export",
      subjectRef: subject.ref,
      requestedBy: actorLabel(actor),
    });
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "privacy.export",
      entityType: "person",
      entityId: personId,
      after: { ref: subject.ref },
    });
    return { ...data, exportedAt: deps.clock.now().toISOString(), locale: data.account?.locale === "en" ? "en" : "ja" };
  });
}

import { z } from "zod";
import { type Actor, actorLabel, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { PrivacyDeps } from "./deps.ts";
import { type ErasureCounts, eraseSubject } from "./erase-subject.ts";
import { subjectOfPerson } from "./find-subject.ts";
import { recordPrivacyRequest } from "./record-privacy-request.ts";

/**
 * The secretariat confirms with the pseudonym the page names (its tick box carries it; the API
 * takes it from the export): a mistaken click erases nothing. An empty or wrong one is answered
 * with the box to tick.
 */
export const eraseConfirmation = z.object({
  confirm: z
    .string({ message: "field.required" })
    .trim()
    .meta({ description: "The `ref` of the person's export, e.g. `#a1b2c3`" }),
});

export interface ErasureResult {
  ref: string;
  counts: ErasureCounts;
}

/**
 * 利用停止・消去: deletes the person record (and their account, when linked) and pseudonymises
 * every row that feeds a count, in one transaction. The audit record holds the pseudonym and
 * the counts, never the erased data.
 */
export async function erasePerson(
  deps: PrivacyDeps,
  actor: Actor,
  personId: string,
  input: unknown,
): Promise<ErasureResult> {
  requireSecretariat(actor);
  const { confirm } = parseInput(eraseConfirmation, input);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await subjectOfPerson(trx, deps.secret, personId);
    if (confirm !== subject.ref)
      throw new AppError("validation-failed", {
        fields: [{ field: "confirm", code: "privacy.confirm-mismatch", params: { ref: subject.ref } }],
      });
    if (actor.kind === "user" && subject.userId === actor.userId) throw new AppError("forbidden");
    const counts = await eraseSubject(trx, deps.clock, deps.secret, subject);
    await recordPrivacyRequest(trx, deps.clock, {
      kind: "erase",
      subjectRef: subject.ref,
      requestedBy: actorLabel(actor),
      counts,
    });
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "privacy.erase",
      entityType: "privacy-subject",
      entityId: subject.ref,
      after: { counts },
    });
    return { ref: subject.ref, counts };
  });
}

import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { japanDay } from "../../i18n/dates.ts";
import { anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import { SELF_CHECK_KIND } from "./posture-codes.ts";

/**
 * Keeps a completed self-check's score on the organisation it was answered for (a row of the
 * posture history, migration 0115), inside the caller's transaction: the one that stores the
 * response. The score was computed on the server (core/surveys/self-check-score.ts). A merged
 * organisation's score goes to the one it was merged into; an organisation since deleted gets
 * none. Returns the organisation it was recorded on.
 */
export async function recordSelfCheckScore(
  trx: Kysely<DB>,
  clock: Clock,
  input: { organisationId: string; surveyId: string; total: number; band: string },
): Promise<string | null> {
  let organisation = await trx
    .selectFrom("organisations")
    .select(["id", "merged_into_id"])
    .where("id", "=", input.organisationId)
    .executeTakeFirst();
  for (let hops = 0; organisation?.merged_into_id && hops < 10; hops++) {
    organisation = await trx
      .selectFrom("organisations")
      .select(["id", "merged_into_id"])
      .where("id", "=", organisation.merged_into_id)
      .executeTakeFirst();
  }
  if (!organisation) return null;
  const now = clock.now();
  await trx
    .insertInto("organisation_posture")
    .values({
      id: newId(now.getTime()),
      organisation_id: organisation.id,
      kind: SELF_CHECK_KIND,
      level: input.band,
      reference: null,
      since: japanDay(now),
      valid_until: null,
      note: null,
      recorded_by: "self-check",
      recorded_at: now.toISOString(),
      score: input.total,
      survey_id: input.surveyId,
    })
    .execute();
  await recordAuditEvent(trx, clock, anonymous, {
    action: "organisation.self-check",
    entityType: "organisation",
    entityId: organisation.id,
    after: { score: input.total, band: input.band, surveyId: input.surveyId },
  });
  return organisation.id;
}

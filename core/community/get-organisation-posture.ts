import { japanDay } from "../../i18n/dates.ts";
import type { Actor } from "../accounts/actor.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { type PostureKind, SELF_CHECK_KIND } from "./posture-codes.ts";
import { effectiveDay, type PostureRecordView, postureOn, toPostureRecordView } from "./posture-record.ts";

export interface OrganisationPosture {
  organisationId: string;
  /** Per kind, what holds today (Japan time); null: never recorded. */
  current: Record<PostureKind, { record: PostureRecordView; held: boolean } | null>;
  /** Every record, newest first (by the day it took effect). */
  history: PostureRecordView[];
  /** The latest 自社診断 score answered for the organisation (docs/self-check.md); null: none yet. */
  selfCheck: { total: number; band: string; on: string; surveyId: string | null } | null;
}

/**
 * An organisation's security posture: the secretariat's and the organisation's own contacts'
 * (a company's posture is never shown to other members; the community sees only rates).
 */
export async function getOrganisationPosture(
  deps: CommunityDeps,
  actor: Actor,
  organisationId: string,
): Promise<OrganisationPosture> {
  requireOrganisationEditor(actor, organisationId);
  await findOrganisationRow(deps.db, organisationId);
  const rows = await deps.db
    .selectFrom("organisation_posture")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("recorded_at", "desc")
    .orderBy("id", "desc")
    .execute();
  // Newest first by the day each took effect (then by when it was recorded).
  const history = rows
    .map(toPostureRecordView)
    .sort((a, b) => effectiveDay(b).localeCompare(effectiveDay(a)) || b.recordedAt.localeCompare(a.recordedAt));
  const today = japanDay(deps.clock.now());
  // Rows come newest first by when they were recorded: the first self-check is the latest.
  const latest = rows.find((r) => r.kind === SELF_CHECK_KIND && r.score !== null);
  const selfCheck = latest
    ? {
        total: Number(latest.score),
        band: latest.level,
        on: latest.since ?? japanDay(latest.recorded_at),
        surveyId: latest.survey_id,
      }
    : null;
  return { organisationId, current: postureOn(history, today), history, selfCheck };
}

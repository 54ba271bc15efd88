/** A posture record as the registry shows it, and the current posture from a history. */
import type { Row } from "../../db/schema.ts";
import { japanDay } from "../../i18n/dates.ts";
import { type PostureKind, postureKinds, type SELF_CHECK_KIND } from "./posture-codes.ts";

export interface PostureRecordView {
  id: string;
  kind: PostureKind | typeof SELF_CHECK_KIND;
  level: string;
  /** A self-check's total (−25..100); null for the other kinds. */
  score: number | null;
  reference: string | null;
  since: string | null;
  validUntil: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export function toPostureRecordView(row: Row<"organisation_posture">): PostureRecordView {
  return {
    id: row.id,
    kind: row.kind as PostureRecordView["kind"],
    level: row.level,
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    reference: row.reference,
    since: row.since,
    validUntil: row.valid_until,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** The day a record takes effect: its `since`, else the Japan day it was recorded. */
export function effectiveDay(record: { since: string | null; recordedAt: string }): string {
  return record.since ?? japanDay(record.recordedAt);
}

/**
 * What holds on `day` (YYYY-MM-DD, Japan time): per kind the latest record in effect by then,
 * counted as held when its level is not `none` and its mark has not expired.
 */
export function postureOn(
  history: PostureRecordView[],
  day: string,
): Record<PostureKind, { record: PostureRecordView; held: boolean } | null> {
  const current = Object.fromEntries(postureKinds.map((k) => [k, null])) as Record<
    PostureKind,
    { record: PostureRecordView; held: boolean } | null
  >;
  for (const kind of postureKinds) {
    const latest = history
      .filter((r) => r.kind === kind && effectiveDay(r) <= day)
      .sort((a, b) => effectiveDay(a).localeCompare(effectiveDay(b)) || a.recordedAt.localeCompare(b.recordedAt))
      .at(-1);
    if (latest)
      current[kind] = {
        record: latest,
        held: latest.level !== "none" && (latest.validUntil === null || latest.validUntil >= day),
      };
  }
  return current;
}

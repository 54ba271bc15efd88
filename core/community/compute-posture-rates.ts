import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { type PostureKind, postureKinds, smeSizeBands } from "./posture-codes.ts";
import { postureOn, toPostureRecordView } from "./posture-record.ts";

export interface PostureRates {
  /** YYYY-MM-DD the rates hold on. */
  asOf: string;
  /** Member organisations with up to 300 employees: the denominator of every rate. */
  memberSmes: number;
  /** Per kind, how many of them hold it; SECURITY ACTION and SCS also by level. */
  held: Record<PostureKind, number>;
  byLevel: { "security-action": Record<"one-star" | "two-star", number>; scs: Record<"star-3" | "star-4", number> };
  /** Percent of memberSmes, one decimal; null when there are none. */
  percent: Record<PostureKind, number | null>;
}

/**
 * The posture rates of the community's member SMEs on a day (a fiscal year's last day for the
 * report, today for the dashboard). Counts of organisations, never a named company's posture.
 */
export async function computePostureRates(db: Kysely<DB>, asOf: string): Promise<PostureRates> {
  const smes = await db
    .selectFrom("organisations")
    .select("id")
    .where("membership", "=", "member")
    .where("merged_into_id", "is", null)
    .where("size_band", "in", [...smeSizeBands])
    .execute();
  const ids = smes.map((o) => o.id);
  const rows = ids.length
    ? await db.selectFrom("organisation_posture").selectAll().where("organisation_id", "in", ids).execute()
    : [];
  return countPosture(ids, rows, asOf);
}

/**
 * The rates of the member SMEs `ids` from their posture histories (`rows`, any order): what
 * holds on `asOf` for each. Pure, so the programme office counts many communities in one pass.
 */
export function countPosture(
  ids: readonly string[],
  rows: readonly Row<"organisation_posture">[],
  asOf: string,
): PostureRates {
  const byOrganisation = new Map<string, ReturnType<typeof toPostureRecordView>[]>();
  for (const row of rows) {
    const list = byOrganisation.get(row.organisation_id) ?? [];
    list.push(toPostureRecordView(row));
    byOrganisation.set(row.organisation_id, list);
  }
  const held = Object.fromEntries(postureKinds.map((k) => [k, 0])) as Record<PostureKind, number>;
  const byLevel: PostureRates["byLevel"] = {
    "security-action": { "one-star": 0, "two-star": 0 },
    scs: { "star-3": 0, "star-4": 0 },
  };
  for (const history of byOrganisation.values()) {
    const current = postureOn(history, asOf);
    for (const kind of postureKinds) {
      const state = current[kind];
      if (!state?.held) continue;
      held[kind]++;
      if (kind === "security-action" || kind === "scs")
        (byLevel[kind] as Record<string, number>)[state.record.level] =
          ((byLevel[kind] as Record<string, number>)[state.record.level] ?? 0) + 1;
    }
  }
  const percent = Object.fromEntries(
    postureKinds.map((k) => [k, ids.length ? Math.round((1000 * held[k]) / ids.length) / 10 : null]),
  ) as Record<PostureKind, number | null>;
  return { asOf, memberSmes: ids.length, held, byLevel, percent };
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type SelfCheckDistribution, summariseSelfCheckTotals } from "../surveys/self-check-distribution.ts";
import { SELF_CHECK_KIND } from "./posture-codes.ts";

/**
 * The community's 自社診断 figures on a day: each organisation's latest score recorded by then
 * (one per company however often it answered), counted by IPA's band and averaged, with the
 * suppression rule applied (core/surveys/self-check-distribution.ts). Never a named company's.
 */
export async function computeSelfCheckDistribution(db: Kysely<DB>, asOf: string): Promise<SelfCheckDistribution> {
  const rows = await selfCheckScoresBy(db, asOf).execute();
  const latest = new Map<string, number>();
  for (const row of rows) if (!latest.has(row.organisation_id)) latest.set(row.organisation_id, Number(row.score));
  return summariseSelfCheckTotals([...latest.values()], { protect: true });
}

/**
 * Every 自社診断 score recorded by `asOf` for an organisation still in the registry, newest first:
 * the first row per organisation is its latest score (the dashboard's and the programme's rule).
 */
export function selfCheckScoresBy(db: Kysely<DB>, asOf: string) {
  return db
    .selectFrom("organisation_posture")
    .innerJoin("organisations", "organisations.id", "organisation_posture.organisation_id")
    .select(["organisations.community_id", "organisation_posture.organisation_id", "organisation_posture.score"])
    .where("organisation_posture.kind", "=", SELF_CHECK_KIND)
    .where("organisation_posture.score", "is not", null)
    .where("organisation_posture.since", "<=", asOf)
    .where("organisations.merged_into_id", "is", null)
    .orderBy("organisation_posture.recorded_at", "desc")
    .orderBy("organisation_posture.id", "desc");
}

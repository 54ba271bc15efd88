import { z } from "zod";
import type { Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { fiscalYearSchema } from "../reports/fiscal-year-input.ts";
import { parseInput } from "../shared/validation.ts";
import { collectCommunityCounts } from "./collect-community-counts.ts";
import type { ProgrammeDeps } from "./deps.ts";
import { findProgrammeForActor, type ProgrammeView } from "./find-programme.ts";
import { buildKpiTable, type KpiTable } from "./kpis.ts";

export const programmeYearInput = z.object({ fiscalYear: fiscalYearSchema });

/**
 * The programme's key figures for a fiscal year: a row per community, the programme's sums, hidden
 * cells hidden; names in the reader's language.
 */
export async function getProgrammeKpis(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  input: unknown,
  locale: Locale = "ja",
): Promise<{ programme: ProgrammeView; table: KpiTable }> {
  const { fiscalYear: year } = parseInput(programmeYearInput, input);
  const programme = await findProgrammeForActor(deps, actor, slug, locale);
  const counts = await collectCommunityCounts(deps.root, programme.communities, year);
  return { programme, table: buildKpiTable(year, counts, programme.name) };
}

import type { Actor } from "../accounts/actor.ts";
import { fiscalYearInstants } from "../reports/load-report-sources.ts";
import { parseInput } from "../shared/validation.ts";
import { listQuestions, type Locale, parseDefinition } from "../surveys/definition.ts";
import { loadPatterns } from "../surveys/answer-patterns.ts";
import { loadSurveyMapping } from "../surveys/survey-mapping.ts";
import { SELF_CHECK } from "../surveys/templates/self-check.ts";
import { TALK_FEEDBACK } from "../surveys/templates/talk-feedback.ts";
import {
  type CommunityQuestionnaires,
  compareQuestionnaires,
  type QuestionComparison,
} from "./compare-questionnaires.ts";
import type { ProgrammeDeps } from "./deps.ts";
import { findProgrammeForActor, type ProgrammeView } from "./find-programme.ts";
import { programmeYearInput } from "./get-programme-kpis.ts";

/**
 * The standard questionnaire compared across the programme's communities for a fiscal year:
 * each community's surveys of the year (not the 自社診断, whose scores are key figures), counted
 * through their mappings to the question bank, suppressed as a breakdown for sharing.
 */
export async function compareProgrammeQuestionnaires(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  input: unknown,
  locale: Locale,
): Promise<{ programme: ProgrammeView; fiscalYear: number; questions: QuestionComparison[] }> {
  const { fiscalYear } = parseInput(programmeYearInput, input);
  const programme = await findProgrammeForActor(deps, actor, slug, locale);
  const fy = fiscalYearInstants(fiscalYear);
  const ids = programme.communities.map((c) => c.id);
  const surveys = ids.length
    ? await deps.root
        .selectFrom("surveys")
        .select(["id", "community_id", "template", "definition_json"])
        .where("community_id", "in", ids)
        .where((eb) => eb.or([eb("template", "is", null), eb("template", "not in", [SELF_CHECK, TALK_FEEDBACK])]))
        .where((eb) =>
          eb.or([
            eb.and([eb("opens_at", "is not", null), eb("opens_at", ">=", fy.from), eb("opens_at", "<", fy.to)]),
            eb.and([eb("opens_at", "is", null), eb("created_at", ">=", fy.from), eb("created_at", "<", fy.to)]),
          ]),
        )
        .orderBy("id")
        .execute()
    : [];
  // Counted answer patterns (a few thousand rows for the whole programme), not every answer set.
  const [patterns, mappings] = await Promise.all([
    loadPatterns(
      deps.root,
      surveys.map((s) => s.id),
    ),
    Promise.all(
      surveys.map(async (s) => {
        const questions = listQuestions(parseDefinition(JSON.parse(s.definition_json)), locale);
        return { questions, mappings: await loadSurveyMapping(deps.root, s, questions) };
      }),
    ),
  ]);
  const loadedById = new Map<string, CommunityQuestionnaires["surveys"][number]>(
    surveys.map((s, i) => [s.id, { ...mappings[i]!, patterns: patterns.get(s.id)! }]),
  );
  const communities: CommunityQuestionnaires[] = programme.communities.map((c) => ({
    communityId: c.id,
    communityName: c.name,
    surveys: surveys.filter((s) => s.community_id === c.id).map((s) => loadedById.get(s.id)!),
  }));
  return { programme, fiscalYear, questions: compareQuestionnaires(communities, locale) };
}

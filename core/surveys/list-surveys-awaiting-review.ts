import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { SurveysDeps } from "./deps.ts";

/**
 * Surveys that stopped taking answers (closed, or past their closing time) whose free-text
 * answers are not all reviewed yet: the results for sharing and the annual report leave an
 * unreviewed text out (compute-results.ts), so until the secretariat reviews them the survey has
 * no written report of its comments. With how many texts wait. Most recently closed first.
 */
export async function listSurveysAwaitingReview(
  deps: Pick<SurveysDeps, "db" | "clock">,
  actor: Actor,
): Promise<{ id: string; title: string; closesAt: string | null; unreviewed: number }[]> {
  requireSecretariat(actor);
  const now = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom("surveys")
    .innerJoin("survey_response_texts as t", "t.survey_id", "surveys.id")
    .leftJoin("survey_text_reviews as r", (j) =>
      j
        .onRef("r.response_id", "=", "t.response_id")
        .onRef("r.question", "=", "t.question")
        .onRef("r.kind", "=", "t.kind"),
    )
    .select(["surveys.id", "surveys.title", "surveys.closes_at", (eb) => eb.fn.countAll<number>().as("n")])
    .where("r.response_id", "is", null)
    .where((eb) =>
      eb.or([
        eb("surveys.status", "=", "closed"),
        eb.and([eb("surveys.closes_at", "is not", null), eb("surveys.closes_at", "<=", now)]),
      ]),
    )
    .groupBy(["surveys.id", "surveys.title", "surveys.closes_at"])
    .orderBy("surveys.closes_at", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, closesAt: r.closes_at, unreviewed: Number(r.n) }));
}

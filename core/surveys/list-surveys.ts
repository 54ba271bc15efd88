import type { Row } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { pageOf } from "../shared/list-page.ts";
import type { SurveysDeps } from "./deps.ts";
import { isAcceptingAnswers } from "./find-survey.ts";

export interface SurveySummary {
  id: string;
  title: string;
  template: string | null;
  access: string;
  status: string;
  accepting: boolean;
  opensAt: string | null;
  closesAt: string | null;
  eventId: string | null;
  responses: number;
  partial: number;
  createdAt: string;
}

/** The secretariat's list of surveys, newest first, with how many answered. */
export async function listSurveys(
  deps: SurveysDeps,
  actor: Actor,
  page: { limit?: number; offset?: number } = {},
): Promise<{ items: SurveySummary[]; total: number }> {
  requireSecretariat(actor);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const offset = Math.max(page.offset ?? 0, 0);
  return pageOf(
    deps.db.selectFrom("surveys"),
    { limit, offset },
    (surveys) => surveys.selectAll().orderBy("created_at", "desc").orderBy("id", "desc"),
    (rows) => withResponseCounts(deps, rows),
  );
}

/** The page's surveys with how many answered each, completely and partly. */
async function withResponseCounts(deps: SurveysDeps, rows: Row<"surveys">[]): Promise<SurveySummary[]> {
  const counts = rows.length
    ? await deps.db
        .selectFrom("survey_responses")
        .select(["survey_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
        .where(
          "survey_id",
          "in",
          rows.map((r) => r.id),
        )
        // Responses marked invalid are no responses in the list's count (有効回答数).
        .where("excluded_at", "is", null)
        .groupBy(["survey_id", "status"])
        .execute()
    : [];
  const count = (id: string, status: string) =>
    Number(counts.find((c) => c.survey_id === id && c.status === status)?.n ?? 0);
  const now = deps.clock.now();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    template: r.template,
    access: r.access,
    status: r.status,
    accepting: isAcceptingAnswers(r, now),
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    eventId: r.event_id,
    responses: count(r.id, "complete"),
    partial: count(r.id, "partial"),
    createdAt: r.created_at,
  }));
}

import { type Actor, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { SurveysDeps } from "./deps.ts";
import { isAcceptingAnswers } from "./find-survey.ts";

export interface MyOpenSurvey {
  id: string;
  title: string;
  closesAt: string | null;
  /** started: a partial answer is saved (the invitation's link resumes it). */
  state: "invited" | "started";
}

/**
 * Surveys accepting answers that the member was invited to (by their account's address) and
 * has not completed. Answers carry no link to who gave them (docs/survey-counting.md), so only
 * the invitation's own state says so; a public survey's answers are anonymous and not listed.
 */
export async function listMyOpenSurveys(
  deps: Pick<SurveysDeps, "db" | "clock">,
  actor: Actor,
): Promise<MyOpenSurvey[]> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const user = await deps.db
    .selectFrom("user")
    .select("email")
    .where("id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  const rows = await deps.db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .selectAll("surveys")
    .select("survey_invitations.state as invitation_state")
    .where("survey_invitations.email", "=", user.email.toLowerCase())
    .where("survey_invitations.state", "in", ["invited", "started"])
    .where("surveys.status", "=", "open")
    .orderBy("surveys.closes_at")
    .orderBy("surveys.id")
    .execute();
  const now = deps.clock.now();
  return rows
    .filter((row) => isAcceptingAnswers(row, now))
    .map((row) => ({
      id: row.id,
      title: row.title,
      closesAt: row.closes_at,
      state: row.invitation_state as MyOpenSurvey["state"],
    }));
}

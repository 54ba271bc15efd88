import { AppError } from "../shared/errors.ts";
import type { Answers } from "./check-answers.ts";
import type { SurveyDefinition } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey, isAcceptingAnswers } from "./find-survey.ts";
import { resumeHashOf } from "./resume.ts";
import { sha256 } from "../shared/crypto.ts";

export interface AnsweringState {
  survey: { id: string; title: string; definition: SurveyDefinition; access: string; template: string | null };
  accepting: boolean;
  /** `answered` when the invitation was used already. */
  invitation: "none" | "valid" | "answered" | "invalid";
  /** The saved partial answers, to resume where the respondent left. */
  answers: Answers;
  /** The page the respondent stopped at (0 when nothing was saved). */
  resumePage: number;
  /** The invitation names the registry organisation the respondent answers for. */
  forOrganisation: boolean;
}

/** What the answering page needs: the survey, whether it takes answers now, and saved progress. */
export async function openSurveyForAnswering(
  deps: SurveysDeps,
  input: { surveyId: string; invitationToken?: string | null; resumeSecret?: string | null },
): Promise<AnsweringState> {
  const survey = await findSurvey(deps.db, input.surveyId);
  if (survey.status === "draft") throw new AppError("not-found");
  let invitation: AnsweringState["invitation"] = "none";
  let forOrganisation = false;
  if (input.invitationToken) {
    const row = await deps.db
      .selectFrom("survey_invitations")
      .select(["state", "organisation_id"])
      .where("survey_id", "=", survey.id)
      .where("token_hash", "=", sha256(input.invitationToken))
      .executeTakeFirst();
    invitation = !row ? "invalid" : row.state === "completed" ? "answered" : "valid";
    forOrganisation = Boolean(row?.organisation_id);
  } else if (survey.access === "invitation") invitation = "invalid";
  const secret = input.invitationToken || input.resumeSecret;
  const partial =
    secret && invitation !== "invalid"
      ? await deps.db
          .selectFrom("survey_responses")
          .select(["answers_json", "resume_page"])
          .where("resume_hash", "=", resumeHashOf(secret))
          .where("survey_id", "=", survey.id)
          .where("status", "=", "partial")
          .executeTakeFirst()
      : undefined;
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      definition: survey.definition,
      access: survey.access,
      template: survey.template,
    },
    accepting: isAcceptingAnswers(survey, deps.clock.now()),
    invitation,
    answers: partial ? (JSON.parse(partial.answers_json) as Answers) : {},
    resumePage: partial?.resume_page ?? 0,
    forOrganisation,
  };
}

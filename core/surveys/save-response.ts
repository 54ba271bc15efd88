import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { type AnswerError, type Answers, checkAnswers } from "./check-answers.ts";
import { listQuestions, type Locale } from "./definition.ts";
import { applyTally } from "./tallies.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey, isAcceptingAnswers } from "./find-survey.ts";
import { resumeHashOf } from "./resume.ts";
import { type SelfCheckScore, scoreSelfCheck } from "./self-check-score.ts";
import { SELF_CHECK } from "./templates/self-check.ts";
import { recordSelfCheckScore } from "../community/record-self-check-score.ts";

export interface SaveResponseInput {
  surveyId: string;
  answers: Answers;
  /** `complete` validates every visible question; `partial` saves progress, checking `pages`. */
  mode: "partial" | "complete";
  pages?: number[];
  /** The personal invitation link's token (one response per invitation). */
  invitationToken?: string | null;
  /** A random secret the browser keeps in a cookie, to resume a public survey. */
  resumeSecret?: string | null;
  source?: "web" | "api" | "import";
  locale?: Locale;
  /** A partial save from the answering page: the page to resume at next time (the page itself while it has errors). */
  resumePage?: { next: number; onErrors: number };
}

export interface SaveResponseResult {
  id: string;
  status: "partial" | "complete";
  /** For a partial save: what is still wrong on the pages checked (saved anyway). */
  errors: AnswerError[];
  /** A completed 自社診断: its score, computed here from the stored answers. */
  selfCheck?: SelfCheckScore;
  /** …and the organisation whose record now holds it (the invitation named one). */
  selfCheckOrganisationId?: string | null;
}

/** Errors of a refused answer set: field = question name, the message already translated. */
export function answersRejected(errors: AnswerError[]): AppError {
  return new AppError("validation-failed", {
    fields: errors.map((e) => ({ field: e.question, code: e.code, params: { message: e.message } })),
  });
}

async function findInvitation(db: Kysely<DB>, surveyId: string, token: string) {
  const invitation = await db
    .selectFrom("survey_invitations")
    .select(["id", "state", "organisation_id"])
    .where("survey_id", "=", surveyId)
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!invitation) throw new AppError("invitation-invalid");
  if (invitation.state === "completed") throw new AppError("survey-answered");
  return invitation;
}

/**
 * Stores an answer set after survey-core has judged it (answers to hidden questions dropped).
 * The response row never names the invitation; the invitation's state changes in the same
 * transaction, and a conditional update makes a second completion of one invitation fail.
 * Returning means committed (SQLite runs with synchronous=FULL).
 */
export async function saveResponse(
  deps: SurveysDeps,
  input: SaveResponseInput,
  actor: Actor = anonymous,
): Promise<SaveResponseResult> {
  const survey = await findSurvey(deps.db, input.surveyId);
  const now = deps.clock.now();
  if (!isAcceptingAnswers(survey, now)) throw new AppError("survey-closed");
  const token = input.invitationToken || null;
  if (survey.access === "invitation" && !token) throw new AppError("invitation-invalid");
  const invitation = token ? await findInvitation(deps.db, survey.id, token) : null;

  const checked = checkAnswers(survey.definition, input.answers, {
    locale: input.locale ?? "ja",
    pages: input.mode === "partial" ? (input.pages ?? []) : undefined,
  });
  if (input.mode === "complete" && checked.errors.length) throw answersRejected(checked.errors);
  // The self-check's score is the server's, from the answers survey-core accepted: nothing the
  // browser sends counts. A complete self-check must have all 25 items answered (the template
  // requires them; a definition edited to drop one no longer scores).
  const selfCheck = input.mode === "complete" && survey.template === SELF_CHECK ? scoreSelfCheck(checked.data) : null;

  const secret = token ?? input.resumeSecret ?? null;
  const resumeHash = secret ? resumeHashOf(secret) : null;
  const at = now.toISOString();
  const answersJson = JSON.stringify(checked.data);
  const resumePage = input.resumePage
    ? checked.errors.length
      ? input.resumePage.onErrors
      : input.resumePage.next
    : null;

  return deps.db.transaction().execute(async (trx) => {
    const existing = resumeHash
      ? await trx
          .selectFrom("survey_responses")
          .select(["id"])
          .where("resume_hash", "=", resumeHash)
          .where("survey_id", "=", survey.id)
          .where("status", "=", "partial")
          .executeTakeFirst()
      : undefined;
    const id = existing?.id ?? newId(now.getTime());
    const complete = input.mode === "complete";
    if (existing) {
      await trx
        .updateTable("survey_responses")
        .set({
          answers_json: answersJson,
          updated_at: at,
          status: input.mode,
          completed_at: complete ? at : null,
          resume_hash: complete ? null : resumeHash,
          resume_page: complete ? null : resumePage,
        })
        .where("id", "=", id)
        .execute();
    } else {
      await trx
        .insertInto("survey_responses")
        .values({
          id,
          survey_id: survey.id,
          answers_json: answersJson,
          status: input.mode,
          source: input.source ?? "web",
          resume_hash: complete ? null : resumeHash,
          resume_page: complete ? null : resumePage,
          created_at: at,
          updated_at: at,
          completed_at: complete ? at : null,
        })
        .execute();
    }
    if (invitation) {
      const update = trx
        .updateTable("survey_invitations")
        .where("id", "=", invitation.id)
        .where("state", "!=", "completed");
      if (complete) {
        const done = await update.set({ state: "completed", completed_at: at.slice(0, 10) }).executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new AppError("survey-answered");
      } else {
        await update.where("state", "=", "invited").set({ state: "started" }).execute();
      }
    }
    let selfCheckOrganisationId: string | null = null;
    if (selfCheck && invitation?.organisation_id)
      selfCheckOrganisationId = await recordSelfCheckScore(trx, deps.clock, {
        organisationId: invitation.organisation_id,
        surveyId: survey.id,
        total: selfCheck.total,
        band: selfCheck.band,
      });
    if (complete) {
      await applyTally(trx, survey.id, id, listQuestions(survey.definition), checked.data, 1);
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "survey-response.complete",
        entityType: "survey_response",
        entityId: id,
        after: { surveyId: survey.id, source: input.source ?? "web" },
      });
    }
    return {
      id,
      status: input.mode,
      errors: checked.errors,
      ...(selfCheck ? { selfCheck, selfCheckOrganisationId } : {}),
    };
  });
}

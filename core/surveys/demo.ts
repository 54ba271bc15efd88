import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { DemoStep } from "../demo/demo-step.ts";
import { checkAnswers } from "./check-answers.ts";
import { listQuestions, parseDefinition, type SurveyDefinition } from "./definition.ts";
import { applyTally } from "./tallies.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { loadTalks } from "./load-talks.ts";
import { REGIONAL_STANDARD, regionalStandardDefinition } from "./templates/regional-standard.ts";
import { TALK_FEEDBACK, talkFeedbackDefinition } from "./templates/talk-feedback.ts";
import type { Talk } from "./templates/build.ts";

export const NAGASAKI_SURVEY_TITLE = "令和2年度 長崎地域の実態把握調査";
export const SEMINAR_FEEDBACK_TITLE = "地域情報セキュリティセミナー 講演アンケート";

/**
 * The seminar's per-talk feedback from its 70 attendees: "有益であった以上" 59/70 = 84.3% for
 * talk 1 and 63/70 = 90.0% for talk 2, the report's figures (section 3). Counts per column.
 */
const FEEDBACK_COUNTS: [string, number][][] = [
  [
    ["very-useful", 30],
    ["useful", 29],
    ["neutral", 8],
    ["not-very-useful", 3],
  ],
  [
    ["very-useful", 35],
    ["useful", 28],
    ["neutral", 6],
    ["not-very-useful", 1],
  ],
];

function feedbackAnswers(talks: Talk[]): Record<string, unknown>[] {
  const columns = FEEDBACK_COUNTS.map((counts) => counts.flatMap(([value, n]) => Array<string>(n).fill(value)));
  return Array.from({ length: 70 }, (_, i) => ({
    q16: { [talks[0]!.id]: columns[0]![i]!, [talks[1]!.id]: columns[1]![(i * 17) % 70]! },
  }));
}

/** The seminar's two talks, when the events step did not create the seminar. */
const FALLBACK_TALKS: Talk[] = [
  { id: "demo-talk-1", title: "長崎県内のサイバーセキュリティについて" },
  { id: "demo-talk-2", title: "最新のサイバー攻撃の実態とセキュリティ対策課題" },
];

async function findSeminar(db: Parameters<DemoStep["run"]>[0]["db"]): Promise<{ id: string; talks: Talk[] } | null> {
  try {
    const found = await db
      .selectFrom("events")
      .select("id")
      .where("title", "like", "%地域情報セキュリティセミナー%")
      .orderBy("starts_at")
      .limit(1)
      .executeTakeFirst();
    const id = found?.id;
    if (!id) return null;
    const talks = await loadTalks(db, id);
    return talks.length >= 2 ? { id, talks } : null;
  } catch {
    return null;
  }
}

/**
 * A closed demo survey with its answers, each checked as a web answer is and tallied; the
 * answers arrive one every `answerEveryMs`, the first one step after `firstAnswerAt`.
 */
async function insertDemoSurvey(
  trx: Kysely<DB>,
  survey: {
    id: string;
    title: string;
    template: string;
    definition: SurveyDefinition;
    eventId: string | null;
    opensAt: string;
    closesAt: string;
    now: string;
    answers: Record<string, unknown>[];
    firstAnswerAt: string;
    answerEveryMs: number;
    refusal: string;
  },
): Promise<void> {
  const { id, definition } = survey;
  await trx
    .insertInto("surveys")
    .values({
      id,
      title: survey.title,
      template: survey.template,
      definition_json: JSON.stringify(definition),
      event_id: survey.eventId,
      access: "public",
      opens_at: survey.opensAt,
      closes_at: survey.closesAt,
      status: "closed",
      created_at: survey.now,
      updated_at: survey.now,
    })
    .execute();
  let at = Date.parse(survey.firstAnswerAt);
  for (const raw of survey.answers) {
    const checked = checkAnswers(definition, raw);
    if (checked.errors.length) throw new Error(`${survey.refusal}: ${JSON.stringify(checked.errors)}`);
    at += survey.answerEveryMs;
    const iso = new Date(at).toISOString();
    const responseId = newId(at);
    await trx
      .insertInto("survey_responses")
      .values({
        id: responseId,
        survey_id: id,
        answers_json: JSON.stringify(checked.data),
        status: "complete",
        source: "demo",
        resume_hash: null,
        created_at: iso,
        updated_at: iso,
        completed_at: iso,
      })
      .execute();
    await applyTally(trx, id, responseId, listQuestions(definition), checked.data, 1);
  }
}

/**
 * The FY2020 survey (web questionnaire, 2021-01-27 to 2021-02-23) with its 28 answers; each
 * answer set passes the same server-side check as a web answer before it is stored.
 */
export const surveysDemo: DemoStep = {
  name: "surveys",
  async run({ db, clock, actor, log }) {
    const existing = await db
      .selectFrom("surveys")
      .select("id")
      .where("title", "=", NAGASAKI_SURVEY_TITLE)
      .executeTakeFirst();
    if (existing) {
      log(`survey: ${NAGASAKI_SURVEY_TITLE} (exists)`);
      return;
    }
    const seminar = await findSeminar(db);
    const talks = seminar?.talks.slice(0, 2) ?? FALLBACK_TALKS;
    const definition = parseDefinition(regionalStandardDefinition({ talks }));
    const answers = nagasakiDemoAnswers([talks[0]!.id, talks[1]!.id]);
    const id = newId(Date.parse("2021-01-20T00:00:00.000Z"));
    const now = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await insertDemoSurvey(trx, {
        id,
        title: NAGASAKI_SURVEY_TITLE,
        template: REGIONAL_STANDARD,
        definition,
        eventId: seminar?.id ?? null,
        opensAt: "2021-01-27T00:00:00.000Z",
        closesAt: "2021-02-23T15:00:00.000Z",
        now,
        answers,
        firstAnswerAt: "2021-01-27T08:00:00.000Z",
        answerEveryMs: 19 * 3600_000,
        refusal: "demo answer refused",
      });
      // The demo's free texts are invented and name no company: reviewed as fit to share, as the
      // secretariat would before the report leaves (unreviewed texts stay out of shared views).
      const texts = await trx
        .selectFrom("survey_response_texts")
        .select(["response_id", "question", "kind"])
        .where("survey_id", "=", id)
        .execute();
      if (texts.length) {
        await trx
          .insertInto("survey_text_reviews")
          .values(
            texts.map((t) => ({
              response_id: t.response_id,
              survey_id: id,
              question: t.question,
              kind: t.kind,
              decision: "approved",
              shared_text: null,
              reviewed_by: null,
              reviewed_at: now,
            })),
          )
          .execute();
      }
      await recordAuditEvent(trx, clock, actor, {
        action: "survey.demo-load",
        entityType: "survey",
        entityId: id,
        after: { responses: answers.length },
      });
    });
    log(
      `survey: ${NAGASAKI_SURVEY_TITLE} with ${answers.length} answers${seminar ? "" : " (seminar not found: placeholder talks)"}`,
    );

    const feedback = parseDefinition(talkFeedbackDefinition(talks, SEMINAR_FEEDBACK_TITLE));
    const feedbackId = newId(Date.parse("2021-01-27T08:00:00.000Z"));
    await db.transaction().execute(async (trx) => {
      await insertDemoSurvey(trx, {
        id: feedbackId,
        title: SEMINAR_FEEDBACK_TITLE,
        template: TALK_FEEDBACK,
        definition: feedback,
        eventId: seminar?.id ?? null,
        opensAt: "2021-01-27T08:00:00.000Z",
        closesAt: "2021-02-10T15:00:00.000Z",
        now,
        answers: feedbackAnswers(talks),
        firstAnswerAt: "2021-01-27T08:05:00.000Z",
        answerEveryMs: 7 * 60_000,
        refusal: "demo feedback refused",
      });
      // The events capability links its seminar to this survey (column of contracts.md's events table).
      if (seminar)
        await trx
          .updateTable("events")
          .set({ feedback_survey_id: feedbackId })
          .where("id", "=", seminar.id)
          .where("feedback_survey_id", "is", null)
          .execute();
      await recordAuditEvent(trx, clock, actor, {
        action: "survey.demo-load",
        entityType: "survey",
        entityId: feedbackId,
        after: { responses: 70 },
      });
    });
    log(`survey: ${SEMINAR_FEEDBACK_TITLE} with 70 answers (有益であった以上 84.3% / 90.0%)`);
  },
};

import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { parseDefinition, type SurveyDefinition } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { loadTalks } from "./load-talks.ts";
import { REGIONAL_STANDARD, regionalStandardDefinition } from "./templates/regional-standard.ts";
import { SELF_CHECK, selfCheckDefinition } from "./templates/self-check.ts";
import { TALK_FEEDBACK, talkFeedbackDefinition } from "./templates/talk-feedback.ts";

export const surveyTemplates = [REGIONAL_STANDARD, TALK_FEEDBACK, SELF_CHECK] as const;
export type SurveyTemplate = (typeof surveyTemplates)[number];

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const talk = z.object({ id: z.string().min(1).max(100), title: z.string().trim().min(1).max(300) });

export const createSurveySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    template: z.enum(surveyTemplates).optional(),
    definition: z.record(z.string(), z.unknown()).optional(),
    eventId: z.string().trim().min(1).max(100).optional(),
    talks: z.array(talk).max(50).optional(),
    access: z.enum(["public", "invitation"]).default("public"),
    opensAt: instant.optional(),
    closesAt: instant.optional(),
    status: z.enum(["draft", "open", "closed"]).default("open"),
  })
  .refine((v) => !(v.opensAt && v.closesAt) || v.opensAt < v.closesAt, {
    path: ["closesAt"],
    message: "field.survey-dates-order",
  });
export type CreateSurveyInput = z.input<typeof createSurveySchema>;

/** The definition a new survey starts from: a template (with the event's talks), given JSON, or empty. */
async function startingDefinition(
  deps: SurveysDeps,
  data: z.output<typeof createSurveySchema>,
): Promise<SurveyDefinition | null> {
  if (data.definition) return parseDefinition(data.definition);
  const talks = data.talks ?? (data.eventId ? await loadTalks(deps.db, data.eventId) : []);
  if (data.template === REGIONAL_STANDARD) return parseDefinition(regionalStandardDefinition({ talks }));
  // IPA's self-check: scored on the server when a response completes (self-check-score.ts).
  if (data.template === SELF_CHECK) return parseDefinition(selfCheckDefinition());
  if (data.template === TALK_FEEDBACK) {
    if (!talks.length) throw new AppError("validation-failed", { fields: [{ field: "talks", code: "required" }] });
    return parseDefinition(talkFeedbackDefinition(talks, data.title));
  }
  return null;
}

/**
 * Creates a survey from a template, from SurveyJS JSON, or empty (a draft to build in the
 * editor). Without dates it is open at once; without `access` anyone with the link may answer.
 */
export async function createSurvey(deps: SurveysDeps, actor: Actor, input: CreateSurveyInput): Promise<{ id: string }> {
  requireSecretariat(actor);
  const data = parseInput(createSurveySchema, input);
  const definition = (await startingDefinition(deps, data)) ?? {
    locale: "ja",
    pages: [{ name: "page1", elements: [] }],
  };
  const empty = !data.template && !data.definition;
  const now = deps.clock.now().toISOString();
  const id = newId(deps.clock.now().getTime());
  const row = {
    id,
    title: data.title,
    template: data.definition ? null : (data.template ?? null),
    definition_json: JSON.stringify(definition),
    event_id: data.eventId ?? null,
    access: data.access,
    opens_at: data.opensAt ?? null,
    closes_at: data.closesAt ?? null,
    // An empty survey cannot be answered yet: it starts as a draft.
    status: empty ? "draft" : data.status,
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto("surveys").values(row).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.create",
      entityType: "survey",
      entityId: id,
      after: {
        title: row.title,
        template: row.template,
        eventId: row.event_id,
        access: row.access,
        status: row.status,
      },
    });
  });
  return { id };
}

import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { parseDefinition } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const updateSurveySchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  access: z.enum(["public", "invitation"]).optional(),
  status: z.enum(["draft", "open", "closed"]).optional(),
  opensAt: instant.nullable().optional(),
  closesAt: instant.nullable().optional(),
  definition: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateSurveyInput = z.input<typeof updateSurveySchema>;

/** Changes a survey's settings or its definition (the editor saves the whole SurveyJS JSON). */
export async function updateSurvey(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: UpdateSurveyInput,
): Promise<void> {
  requireSecretariat(actor);
  const data = parseInput(updateSurveySchema, input);
  const survey = await findSurvey(deps.db, surveyId);
  const definition = data.definition ? parseDefinition(data.definition) : undefined;
  const opensAt = data.opensAt === undefined ? survey.opens_at : data.opensAt;
  const closesAt = data.closesAt === undefined ? survey.closes_at : data.closesAt;
  if (opensAt && closesAt && opensAt >= closesAt)
    throw new AppError("validation-failed", { fields: [{ field: "closesAt", code: "survey-dates-order" }] });
  if (data.status === "open" && !definition && !(survey.definition.pages ?? []).some((p) => p.elements.length)) {
    throw new AppError("validation-failed", { fields: [{ field: "status", code: "survey-no-questions" }] });
  }
  const changes = {
    ...(data.title !== undefined ? { title: data.title } : {}),
    ...(data.access !== undefined ? { access: data.access } : {}),
    ...(data.status !== undefined ? { status: data.status } : {}),
    opens_at: opensAt,
    closes_at: closesAt,
    ...(definition ? { definition_json: JSON.stringify(definition) } : {}),
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable("surveys").set(changes).where("id", "=", survey.id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.update",
      entityType: "survey",
      entityId: survey.id,
      before: {
        title: survey.title,
        access: survey.access,
        status: survey.status,
        opensAt: survey.opens_at,
        closesAt: survey.closes_at,
      },
      after: { ...data, definition: definition ? "(changed)" : undefined },
    });
  });
}

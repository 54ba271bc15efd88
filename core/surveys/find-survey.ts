import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import type { SurveyDefinition } from "./definition.ts";

export type SurveyRow = Row<"surveys">;

export async function findSurvey(db: Kysely<DB>, id: string): Promise<SurveyRow & { definition: SurveyDefinition }> {
  const row = await db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return { ...row, definition: JSON.parse(row.definition_json) as SurveyDefinition };
}

/** Open means: status open, and now within the dates when they are set. */
export function isAcceptingAnswers(survey: SurveyRow, now: Date): boolean {
  const at = now.toISOString();
  return (
    survey.status === "open" &&
    (!survey.opens_at || survey.opens_at <= at) &&
    (!survey.closes_at || at < survey.closes_at)
  );
}

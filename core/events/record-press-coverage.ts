import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";

export const pressCoverageSchema = z.object({
  outlet: z.string().trim().min(1).max(200),
  publishedOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "field.date")
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
  note: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});

export interface PressCoverage {
  id: string;
  outlet: string;
  publishedOn: string | null;
  url: string | null;
  note: string | null;
}

/** The secretariat records that an outlet reported on the event (the seed's 長崎新聞). */
export async function recordPressCoverage(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: z.input<typeof pressCoverageSchema>,
): Promise<PressCoverage> {
  requireSecretariat(actor);
  const data = parseInput(pressCoverageSchema, input);
  const event = await deps.db.selectFrom("events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("event_press_coverage")
      .values({
        id,
        event_id: eventId,
        outlet: data.outlet,
        published_on: data.publishedOn,
        url: data.url,
        note: data.note,
        created_at: deps.clock.now().toISOString(),
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.press-coverage.create",
      entityType: "event",
      entityId: eventId,
      after: data,
    });
  });
  return { id, ...data };
}

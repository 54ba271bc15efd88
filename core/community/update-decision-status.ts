import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { canRunMeetingsOf, meetingGroupScope } from "./access.ts";
import { decisionStatuses } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";

export const decisionStatusInput = z.object({ status: z.enum(decisionStatuses) });

/** Marks a decision done or dropped (or open again) from the register (a lead: their groups' decisions). */
export async function updateDecisionStatus(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<void> {
  meetingGroupScope(actor);
  const { status } = parseInput(decisionStatusInput, input);
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("decisions")
      .innerJoin("meetings", "meetings.id", "decisions.meeting_id")
      .select(["decisions.status", "meetings.group_id"])
      .where("decisions.id", "=", id)
      .executeTakeFirst();
    if (!before) throw new AppError("not-found");
    if (!canRunMeetingsOf(actor, before.group_id)) throw new AppError("forbidden");
    await trx
      .updateTable("decisions")
      .set({ status, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "decision.update",
      entityType: "decision",
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
  });
}

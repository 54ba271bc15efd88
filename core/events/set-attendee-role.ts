import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { attendeeRoles } from "./seat-rules.ts";

export const attendeeRoleInputSchema = z.object({
  /** A role, or "" / null for a general participant. */
  attendeeRole: z.union([z.enum(attendeeRoles), z.literal(""), z.null()]).transform((role) => (role ? role : null)),
});
export type AttendeeRoleInput = z.input<typeof attendeeRoleInputSchema>;

/** Records what a registrant attends as (講師, 役員, 報道, スタッフ, 来賓), so the figures count them apart. */
export async function setAttendeeRole(
  deps: EventsDeps,
  actor: Actor,
  registrationId: string,
  input: AttendeeRoleInput,
): Promise<{ id: string; attendeeRole: string | null }> {
  requireSecretariat(actor);
  const { attendeeRole } = parseInput(attendeeRoleInputSchema, input);
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("registrations")
      .select(["attendee_role"])
      .where("id", "=", registrationId)
      .executeTakeFirst();
    if (!before) throw new AppError("not-found");
    await trx
      .updateTable("registrations")
      .set({ attendee_role: attendeeRole, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", registrationId)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.role",
      entityType: "registration",
      entityId: registrationId,
      before: { attendeeRole: before.attendee_role },
      after: { attendeeRole },
    });
    return { id: registrationId, attendeeRole };
  });
}

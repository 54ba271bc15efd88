import { z } from "zod";
import { fromJapanLocal } from "../../i18n/dates.ts";
import { decisionStatuses } from "./codes.ts";
import { optionalDate, optionalId, optionalText, requiredText } from "./fields.ts";
import { patchColumns } from "./patch-columns.ts";

/** `2021-02-09T14:00` (Japan time, as a form sends it) or an ISO instant with its offset. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, {
    message: "field.community-datetime",
    abort: true,
  })
  // The shape alone admits 25:99: the time must also exist.
  .refine((v) => !Number.isNaN(fromJapanLocal(v).getTime()), { message: "field.community-datetime" });

const attendeeInput = z
  .object({ organisationId: optionalId(), personId: optionalId(), label: optionalText(300) })
  .refine((a) => Boolean(a.organisationId || a.personId || a.label), { message: "field.community-attendee-empty" });
const decisionInput = z.object({
  id: optionalId(),
  text: requiredText(2000),
  ownerOrganisationId: optionalId(),
  ownerLabel: optionalText(200),
  dueOn: optionalDate(),
  /** open unless given */
  status: z.enum(decisionStatuses).nullable().optional(),
});

const meetingFields = z.object({
  groupId: optionalId(),
  title: requiredText(300),
  startsAt: instant,
  endsAt: instant.nullable().optional(),
  place: optionalText(300),
  onlineTool: optionalText(100),
  agenda: optionalText(10000),
  minutesMarkdown: optionalText(100000),
  attendees: z.array(attendeeInput).max(500).optional(),
  decisions: z.array(decisionInput).max(100).optional(),
});
/** A meeting ends after it starts (checked when both are given). */
const endsAfterStart = (m: { startsAt?: string; endsAt?: string | null }, ctx: z.RefinementCtx) => {
  // Only times that are times: a malformed one has its own field message already.
  if (
    m.startsAt &&
    m.endsAt &&
    instant.safeParse(m.startsAt).success &&
    instant.safeParse(m.endsAt).success &&
    toInstant(m.endsAt) <= toInstant(m.startsAt)
  ) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "field.community-ends-before-start" });
  }
};
export const meetingInput = meetingFields.superRefine(endsAfterStart).meta({ id: "MeetingInput" });
export const meetingPatch = meetingFields.partial().superRefine(endsAfterStart).meta({ id: "MeetingPatch" });
export type MeetingPatch = z.infer<typeof meetingPatch>;

/** A local time without an offset is Japan time (the community's), stored as UTC. */
export function toInstant(value: string): string {
  return fromJapanLocal(value).toISOString();
}

export function meetingColumns(input: MeetingPatch): Record<string, unknown> {
  const columns = patchColumns(input, {
    groupId: "group_id",
    title: "title",
    place: "place",
    onlineTool: "online_tool",
    agenda: "agenda",
    minutesMarkdown: "minutes_markdown",
  });
  if (input.startsAt !== undefined) columns.starts_at = toInstant(input.startsAt);
  if (input.endsAt !== undefined) columns.ends_at = input.endsAt ? toInstant(input.endsAt) : null;
  return columns;
}

export function attendeeRows(input: {
  attendees?: { organisationId?: string | null; personId?: string | null; label?: string | null }[];
}) {
  return input.attendees?.map((a) => ({
    organisation_id: a.organisationId ?? null,
    person_id: a.personId ?? null,
    attendee_label: a.label ?? null,
  }));
}

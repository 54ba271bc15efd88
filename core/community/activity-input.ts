import { z } from "zod";
import { activityKinds } from "./codes.ts";
import { optionalId, optionalText, optionalUrl, requiredText } from "./fields.ts";
import { patchColumns } from "./patch-columns.ts";

const talkInput = z.object({ title: requiredText(300), speaker: optionalText(200), affiliation: optionalText(200) });
const attendeeInput = z
  .object({ organisationId: optionalId(), personId: optionalId(), label: optionalText(300) })
  .refine((a) => Boolean(a.organisationId || a.personId || a.label), { message: "field.community-attendee-empty" });

export const activityInput = z
  .object({
    heldOn: z.iso.date(),
    kind: z.enum(activityKinds),
    organiser: optionalText(200),
    title: requiredText(300),
    description: optionalText(4000),
    groupId: optionalId(),
    url: optionalUrl(),
    talks: z.array(talkInput).max(50).optional(),
    attendees: z.array(attendeeInput).max(500).optional(),
  })
  .meta({ id: "ActivityInput" });
export const activityPatch = activityInput.partial().meta({ id: "ActivityPatch" });
export type ActivityPatch = z.infer<typeof activityPatch>;

export function activityColumns(input: ActivityPatch): Record<string, unknown> {
  return patchColumns(input, {
    heldOn: "held_on",
    kind: "kind",
    organiser: "organiser",
    title: "title",
    description: "description",
    groupId: "group_id",
    url: "url",
  });
}

export function talkRows(input: ActivityPatch) {
  return input.talks?.map((t) => ({ title: t.title, speaker: t.speaker ?? null, affiliation: t.affiliation ?? null }));
}

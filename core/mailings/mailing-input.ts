/** What a mailing is: its audience (resolved only when it is sent) and its template. */
import { z } from "zod";

const id = z.string().trim().min(1).max(64);

export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all-members") }),
  z.object({ kind: z.literal("sector"), sector: z.enum(["industry", "academia", "government", "finance", "media", "nonprofit", "other"]) }),
  z.object({ kind: z.literal("group"), groupId: id }),
  z.object({ kind: z.literal("event-registrants"), eventId: id }),
  z.object({ kind: z.literal("event-attendees"), eventId: id }),
  z.object({ kind: z.literal("survey-non-respondents"), surveyId: id }),
  z.object({ kind: z.literal("hand-picked"), personIds: z.array(id).min(1).max(5000) }),
]);
export type Audience = z.output<typeof audienceSchema>;
export const audienceKinds = ["all-members", "sector", "group", "event-registrants", "event-attendees", "survey-non-respondents", "hand-picked"] as const;

export const mailingInputSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  bodyTemplate: z.string().trim().min(1).max(20_000),
  audience: audienceSchema,
  postId: z.string().trim().max(64).optional().nullable().transform((v) => v || null),
});
export type MailingInput = z.output<typeof mailingInputSchema>;

export const mailingStatuses = ["draft", "awaiting-approval", "approved", "sending", "sent", "cancelled"] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

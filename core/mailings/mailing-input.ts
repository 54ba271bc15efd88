/** What a mailing is: its audience (resolved only when it is sent) and its template. */
import { z } from "zod";
import { fromJapanLocal } from "../../i18n/dates.ts";
import { sectors } from "../community/codes.ts";

const id = z.string().trim().min(1).max(64);

export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all-members") }),
  z.object({ kind: z.literal("sector"), sector: z.enum(sectors) }),
  z.object({ kind: z.literal("group"), groupId: id }),
  z.object({ kind: z.literal("event-registrants"), eventId: id }),
  z.object({ kind: z.literal("event-attendees"), eventId: id }),
  z.object({ kind: z.literal("survey-non-respondents"), surveyId: id }),
  z.object({ kind: z.literal("hand-picked"), personIds: z.array(id).min(1).max(5000) }),
]);
export type Audience = z.output<typeof audienceSchema>;
export const audienceKinds = [
  "all-members",
  "sector",
  "group",
  "event-registrants",
  "event-attendees",
  "survey-non-respondents",
  "hand-picked",
] as const;

/** When to send: an ISO instant, or `YYYY-MM-DDTHH:mm` read as Japan time; empty means "as soon as approved". */
export const scheduledAtSchema = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || !Number.isNaN(fromJapanLocal(v).getTime()), {
    message: "field.mailings-when",
  });

/** The instant (UTC ISO) a scheduledAtSchema value stands for, or the fallback when there is none. */
export function scheduledInstant(value: string | null, fallback: Date): string {
  if (!value) return fallback.toISOString();
  return fromJapanLocal(value).toISOString();
}

/** The merge fields a template may use: each recipient's own values fill them. */
export const mergeFieldNames = ["name", "organisation"] as const;

/** A `{word}` that is no merge field is a typo that would reach every recipient as written. */
function knownMergeFields(text: string, ctx: z.RefinementCtx) {
  const unknown = [...new Set([...text.matchAll(/\{([^{}\s]{1,40})\}/g)].map((m) => m[1]!))].filter(
    (name) => !(mergeFieldNames as readonly string[]).includes(name),
  );
  if (unknown.length) {
    ctx.addIssue({
      code: "custom",
      message: "field.mailings-unknown-merge-field",
      params: {
        fields: unknown.map((n) => `{${n}}`).join(", "),
        valid: mergeFieldNames.map((n) => `{${n}}`).join(", "),
      },
    });
  }
}

/** An optional text with the same merge-field check; blank is none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine(knownMergeFields)
    .nullish()
    .transform((v) => v || null);

export const mailingInputSchema = z
  .object({
    subject: z.string().trim().min(1).max(200).superRefine(knownMergeFields),
    bodyTemplate: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .superRefine(knownMergeFields)
      .meta({ description: "Merge fields: {name}, {organisation}" }),
    /** The English version, for recipients whose language is English (both or neither; the others get Japanese). */
    subjectEn: optionalText(200).meta({ description: "English subject; merge fields as in subject" }),
    bodyTemplateEn: optionalText(20_000).meta({ description: "English body; merge fields: {name}, {organisation}" }),
    audience: audienceSchema,
    postId: z
      .string()
      .trim()
      .max(64)
      .optional()
      .nullable()
      .transform((v) => v || null),
    /** A planned send time kept with the draft; submitting may still change it. */
    scheduledAt: scheduledAtSchema.meta({
      description:
        "Planned send time (ISO instant, or YYYY-MM-DDTHH:mm in Japan time); fixed when the mailing is submitted",
    }),
  })
  // An English body without a subject (or the reverse) is half a translation: say which half is missing.
  .refine((v) => !v.bodyTemplateEn || v.subjectEn, { path: ["subjectEn"], message: "field.required" })
  .refine((v) => !v.subjectEn || v.bodyTemplateEn, { path: ["bodyTemplateEn"], message: "field.required" });
export type MailingInput = z.output<typeof mailingInputSchema>;

export const mailingStatuses = ["draft", "awaiting-approval", "approved", "sending", "sent", "cancelled"] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

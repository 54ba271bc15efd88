/**
 * The shape of an event as the secretariat writes it (API and editor alike): details, seat types,
 * programme with speakers, registration questions.
 */
import { z } from "zod";
import { fromJapanLocal } from "../../i18n/dates.ts";
import { emailAddress, wholeNumber } from "../shared/validation.ts";
import { seatEligibilities } from "./seat-rules.ts";

/** An instant: ISO-8601 with offset, or `YYYY-MM-DDTHH:mm` from a form, meaning Japan time. */
export const instantSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)
      ? fromJapanLocal(value)
      : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      ctx.addIssue({ code: "custom", message: "field.events-datetime" });
      return z.NEVER;
    }
    return parsed.toISOString();
  });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const seatTypeKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "field.events-seat-key");

export const seatTypeInputSchema = z.object({
  key: seatTypeKeySchema,
  label: z.string().trim().min(1).max(100),
  capacity: wholeNumber({ min: 0, max: 100_000 }),
  waitlist: z.boolean().default(true),
  /** Defaults to true for the key `online`. */
  online: z.boolean().optional(),
  /** Who may take a seat (core/events/seat-rules.ts): whoever the event admits, unless restricted. */
  eligibility: z.enum(seatEligibilities).default("everyone"),
});

export const speakerInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  reading: optionalText(200),
  title: optionalText(300),
  affiliation: optionalText(300),
  organisationId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null),
  email: emailAddress()
    .nullish()
    .transform((v) => v ?? null),
  profile: optionalText(4000),
});

export const sessionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    startsAt: instantSchema.optional(),
    endsAt: instantSchema.optional(),
    abstract: optionalText(8000),
    speakers: z.array(speakerInputSchema).max(20).default([]),
  })
  .refine((session) => !session.startsAt || !session.endsAt || session.endsAt > session.startsAt, {
    path: ["endsAt"],
    message: "field.events-ends-before-start",
  });

export const questionInputSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, "field.events-seat-key"),
  label: z.string().trim().min(1).max(300),
  type: z.enum(["text", "textarea"]).default("text"),
  required: z.boolean().default(false),
});
export type RegistrationQuestion = z.output<typeof questionInputSchema>;

export const eventInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    theme: optionalText(500),
    description: optionalText(20_000),
    audience: z.enum(["public", "members"]).default("public"),
    startsAt: instantSchema,
    endsAt: instantSchema,
    receptionAt: instantSchema.optional(),
    venueName: optionalText(300),
    venueRoom: optionalText(300),
    venueAddress: optionalText(500),
    venuePhone: optionalText(50),
    onlineTool: optionalText(100),
    onlineJoinUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish()
      .transform((v) => v ?? null),
    feeText: optionalText(200),
    organiser: optionalText(300),
    coOrganisers: optionalText(1000),
    registrationOpensAt: instantSchema.optional(),
    registrationClosesAt: instantSchema.optional(),
    consentText: optionalText(8000),
    seatTypes: z.array(seatTypeInputSchema).min(1).max(10),
    sessions: z.array(sessionInputSchema).max(50).default([]),
    questions: z.array(questionInputSchema).max(20).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.endsAt <= e.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "field.events-ends-before-start" });
    const keys = new Set<string>();
    e.seatTypes.forEach((s, i) => {
      if (keys.has(s.key))
        ctx.addIssue({ code: "custom", path: ["seatTypes", i, "key"], message: "field.events-duplicate-key" });
      keys.add(s.key);
    });
    const questionKeys = new Set<string>();
    e.questions.forEach((q, i) => {
      if (questionKeys.has(q.key))
        ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: "field.events-duplicate-key" });
      questionKeys.add(q.key);
    });
    if (e.registrationOpensAt && e.registrationClosesAt && e.registrationClosesAt <= e.registrationOpensAt) {
      ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "field.events-ends-before-start" });
    }
  });
export type EventInput = z.input<typeof eventInputSchema>;
export type ParsedEventInput = z.output<typeof eventInputSchema>;

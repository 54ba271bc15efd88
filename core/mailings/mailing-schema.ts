/** The JSON shapes of mailings in the API (/api/v1/mailings…), for OpenAPI. */
import { z } from "zod";
import { audienceSchema, mailingStatuses } from "./mailing-input.ts";

export const mailingProgressSchema = z
  .object({
    total: z.number().int().meta({ description: "Recipients written when sending started (0 before)" }),
    sent: z.number().int(),
    failed: z.number().int(),
    waiting: z.number().int().meta({ description: "Not yet handed to the mail server (rate limit or outbox)" }),
    skipped: z
      .number()
      .int()
      .meta({ description: "Unsubscribed, bounced before, or not entitled to the carried post" }),
  })
  .meta({ id: "MailingProgress" });

export const mailingSchema = z
  .object({
    id: z.string(),
    subject: z.string(),
    bodyTemplate: z.string(),
    subjectEn: z.string().nullable().meta({ description: "English subject, or null: Japanese for everyone" }),
    bodyTemplateEn: z.string().nullable(),
    audience: audienceSchema,
    postId: z.string().nullable(),
    status: z.enum(mailingStatuses),
    createdBy: z.string().nullable(),
    requestedBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Mailing" });

export const mailingWithProgressSchema = mailingSchema
  .extend({ progress: mailingProgressSchema })
  .meta({ id: "MailingWithProgress" });

export const recipientStatusSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    organisationName: z.string().nullable(),
    status: z.string().meta({
      description: "pending, queued, sent, failed, skipped-unsubscribed, skipped-bounced or skipped-not-entitled",
    }),
    error: z.string().nullable(),
  })
  .meta({ id: "MailingRecipient" });

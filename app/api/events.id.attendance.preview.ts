import { z } from "zod";
import { attendanceDecisionSchema } from "#core/events/attendance/attendance-input.ts";
import { attendanceFormats } from "#core/events/attendance/participant.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { previewAttendanceImport } from "#core/events/preview-attendance-import.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const previewEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/events/{id}/attendance/preview",
  summary:
    "Step 1 of the online attendance import (multipart/form-data: `file` the Zoom, Teams or Webex participant report; optional `format` zoom|teams|webex and `minimumMinutes`). Matches the report to the registrations and writes nothing; post the rows back, with decisions, to /api/v1/events/{id}/attendance",
  tags: ["events"],
  access: "secretariat",
  responses: {
    200: {
      description: "The report's participants, matched",
      schema: z.object({
        format: z.enum(attendanceFormats),
        language: z.enum(["ja", "en"]),
        minimumMinutes: z.number().int(),
        rows: z.array(
          z.object({
            name: z.string(),
            otherNames: z.array(z.string()),
            email: z.string(),
            seconds: z.number().int().nullable(),
            joins: z.number().int(),
            guest: z.boolean(),
            outcome: z.enum(["matched", "ambiguous", "unmatched"]),
            by: z.enum(["email", "name"]).nullable(),
            registrationId: z.string().nullable(),
            candidates: z.array(z.string()),
            longEnough: z.boolean(),
            alreadyMarked: z.boolean(),
            decision: attendanceDecisionSchema,
          }),
        ),
        counts: z.object({ matched: z.number(), ambiguous: z.number(), unmatched: z.number(), short: z.number() }),
        registrations: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            email: z.string(),
            organisationName: z.string().nullable(),
            walkIn: z.boolean(),
          }),
        ),
      }),
    },
    404: { description: "No such event" },
    422: { description: "No file, or not a participant report (the message says what the file looks like)" },
  },
});

export const endpoints = [
  serve(previewEndpoint, async ({ actor, state, params, request }) => {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    return previewAttendanceImport(eventsDepsFrom(state.services), actor, params.id!, {
      file: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : null,
      format: (form?.get("format")?.toString() || undefined) as never,
      minimumMinutes: form?.get("minimumMinutes")?.toString() ?? "",
    });
  }),
];

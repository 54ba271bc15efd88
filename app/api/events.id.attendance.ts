import { z } from "zod";
import { attendanceCommitSchema } from "#core/events/attendance/attendance-input.ts";
import { commitAttendanceImport } from "#core/events/commit-attendance-import.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const commitEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/events/{id}/attendance",
  summary:
    "Step 2 of the online attendance import: the preview's rows, each with a decision (`r:<registration id>`, `walk-in` or `skip`). Marks attended online those whose rows reach `minimumMinutes`, records walk-ins; all or nothing",
  tags: ["events"],
  access: "secretariat",
  body: attendanceCommitSchema,
  responses: {
    200: {
      description: "Recorded",
      schema: z.object({
        marked: z.number().int(),
        alreadyMarked: z.number().int(),
        walkIns: z.number().int(),
        short: z.number().int(),
        skipped: z.number().int(),
      }),
    },
    404: { description: "No such event" },
    422: {
      description: "A decision names a registration that is not this event's (`rows.<i>.decision`); nothing written",
    },
  },
});

export const endpoints = [
  serve(commitEndpoint, async ({ actor, state, params, body }) =>
    commitAttendanceImport(eventsDepsFrom(state.services), actor, params.id!, body),
  ),
];

import { z } from "zod";
import { checkInAttendee, checkInSchema } from "#core/events/check-in-attendee.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const postCheckin = defineEndpoint({
  method: "POST",
  path: "/api/v1/events/{id}/checkins",
  summary: "Check a ticket in at the venue door, once",
  tags: ["events"],
  access: "secretariat",
  body: checkInSchema,
  responses: {
    200: {
      description: "Checked in",
      schema: z.object({
        id: z.string(),
        name: z.string(),
        organisationName: z.string().nullable(),
        seatType: z.string(),
        checkedInAt: z.string(),
      }),
    },
    404: { description: "No such ticket for this event" },
    409: { description: "Already checked in, or not a confirmed registration" },
  },
});

export const endpoints = [
  serve(postCheckin, async ({ actor, state, body, params }) =>
    checkInAttendee(eventsDepsFrom(state.services), actor, params.id!, body),
  ),
];

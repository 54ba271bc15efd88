import { z } from "zod";
import { checkInAttendee, checkInSchema } from "#core/events/check-in-attendee.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import type { Route } from "./+types/api.v1.events.$id.checkins";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

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

export const action = (args: Route.ActionArgs) =>
  handleApi(args, postCheckin, async ({ actor, state, body, params }) =>
    checkInAttendee(eventsDepsFrom(state.services), actor, params.id!, body),
  );

import { z } from "zod";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { attendeeRoleInputSchema, setAttendeeRole } from "#core/events/set-attendee-role.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const putRole = defineEndpoint({
  method: "PUT",
  path: "/api/v1/registrations/{id}/role",
  summary:
    "Record what a registrant attends as (speaker, officer, press, staff, guest; null: a general participant), counted apart in the figures and the report",
  tags: ["events"],
  access: "secretariat",
  body: attendeeRoleInputSchema,
  responses: {
    200: { description: "Recorded", schema: z.object({ id: z.string(), attendeeRole: z.string().nullable() }) },
    404: { description: "No such registration" },
    422: { description: "Not a role" },
  },
});

export const endpoints = [
  serve(putRole, async ({ actor, state, body, params }) =>
    setAttendeeRole(eventsDepsFrom(state.services), actor, params.id!, body),
  ),
];

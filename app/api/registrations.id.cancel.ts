import { z } from "zod";
import { cancelRegistration } from "#core/events/cancel-registration.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const postCancel = defineEndpoint({
  method: "POST",
  path: "/api/v1/registrations/{id}/cancel",
  summary:
    "Cancel a registration with the registrant's token (or as the secretariat); the freed seat goes to the first in line",
  tags: ["events"],
  access: "public",
  body: z.object({ token: z.string().max(200).optional() }),
  responses: {
    200: {
      description: "Cancelled",
      schema: z.object({ id: z.string(), status: z.literal("cancelled"), promoted: z.array(z.string()) }),
    },
    403: { description: "Wrong token" },
    404: { description: "No such registration" },
  },
});

export const endpoints = [
  serve(postCancel, async ({ actor, state, body, params }) =>
    cancelRegistration(eventsDepsFrom(state.services), actor, params.id!, body.token),
  ),
];

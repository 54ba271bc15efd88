import { z } from "zod";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { moveRegistration, moveSchema } from "#core/events/move-registration.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const postMove = defineEndpoint({
  method: "POST",
  path: "/api/v1/registrations/{id}/move",
  summary:
    "Move a registration to another seat type (or between seat and waitlist). The secretariat: anywhere the rules allow; into another seat type's waitlist at its end. The registrant (their token): only into a free seat they may take, while registration is open",
  tags: ["events"],
  access: "public",
  body: moveSchema.extend({ token: z.string().max(200).optional() }),
  responses: {
    200: {
      description: "Moved",
      schema: z.object({ id: z.string(), status: z.string(), seatType: z.string() }),
    },
    403: { description: "Wrong token, or a seat type the registrant may not take" },
    404: { description: "No such registration" },
    409: { description: "No free seat (registrant), no waitlist, registration closed or cancelled" },
  },
});

export const endpoints = [
  serve(postMove, async ({ actor, state, body, params }) =>
    moveRegistration(eventsDepsFrom(state.services), actor, params.id!, body, body.token),
  ),
];

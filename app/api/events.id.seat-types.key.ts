import { changeSeatCapacity, seatTypeChangeSchema } from "#core/events/change-seat-capacity.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { seatTypeSchema } from "#core/events/seat-type-schema.ts";
import { z } from "zod";
import { defineEndpoint, serve } from "./endpoint.ts";

const patchSeatType = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/events/{id}/seat-types/{key}",
  summary: "Change a seat type's capacity: a raise promotes from the waitlist; a cut drops nobody (see `over`)",
  tags: ["events"],
  access: "secretariat",
  body: seatTypeChangeSchema,
  responses: {
    200: {
      description: "The seat type with its counts",
      schema: seatTypeSchema.extend({ promoted: z.array(z.string()) }),
    },
    404: { description: "No such event or seat type" },
  },
});

export const endpoints = [
  serve(patchSeatType, async ({ actor, state, body, params }) =>
    changeSeatCapacity(eventsDepsFrom(state.services), actor, params.id!, params.key!, body),
  ),
];

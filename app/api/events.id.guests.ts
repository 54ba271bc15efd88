import { z } from "zod";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { guestInputSchema, inviteGuest } from "#core/events/invite-guest.ts";
import { listGuests } from "#core/events/list-guests.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const guestSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    attendeeRole: z.string().meta({ description: "speaker, officer, press, staff or guest" }),
    createdAt: z.string(),
    registrationUrl: z.string().meta({ description: "The guest's personal link: admits them to guest seat types" }),
  })
  .meta({ id: "EventGuest" });

const getGuests = defineEndpoint({
  method: "GET",
  path: "/api/v1/events/{id}/guests",
  summary: "The guests invited by name, each with their personal registration link",
  tags: ["events"],
  access: "secretariat",
  responses: { 200: { description: "Guests", schema: z.object({ items: z.array(guestSchema) }) } },
});

const postGuest = defineEndpoint({
  method: "POST",
  path: "/api/v1/events/{id}/guests",
  summary:
    "Invite a guest (来賓, speaker, press) by name: their personal link admits them to seat types for members and invited guests, and is mailed unless sendMail is false; the same address again updates name and role",
  tags: ["events"],
  access: "secretariat",
  body: guestInputSchema,
  responses: {
    200: { description: "Invited", schema: guestSchema },
    404: { description: "No such event" },
    422: { description: "Invalid address, name or role" },
  },
});

export const endpoints = [
  serve(getGuests, async ({ actor, state, params }) => ({
    items: await listGuests(eventsDepsFrom(state.services), actor, params.id!),
  })),
  serve(postGuest, async ({ actor, state, body, params }) =>
    inviteGuest(eventsDepsFrom(state.services), actor, params.id!, body),
  ),
];

import { z } from "zod";
import { createEvent } from "#core/events/create-event.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { eventInputSchema } from "#core/events/event-input.ts";
import { listEvents } from "#core/events/list-events.ts";
import { seatTypeSchema } from "#core/events/seat-type-schema.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const speaker = z.object({
  name: z.string(),
  reading: z.string().nullable(),
  title: z.string().nullable(),
  affiliation: z.string().nullable(),
  organisationId: z.string().nullable(),
  profile: z.string().nullable(),
});
const session = z.object({
  id: z.string(),
  position: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  title: z.string(),
  abstract: z.string().nullable(),
  speakers: z.array(speaker),
});
export const eventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    theme: z.string().nullable(),
    description: z.string().nullable(),
    audience: z.enum(["public", "members"]),
    startsAt: z.string(),
    endsAt: z.string(),
    receptionAt: z.string().nullable(),
    venueName: z.string().nullable(),
    venueRoom: z.string().nullable(),
    venueAddress: z.string().nullable(),
    venuePhone: z.string().nullable(),
    onlineTool: z.string().nullable(),
    feeText: z.string().nullable(),
    organiser: z.string().nullable(),
    coOrganisers: z.string().nullable(),
    registrationOpensAt: z.string(),
    registrationClosesAt: z.string(),
    status: z.string(),
    consentText: z.string().nullable(),
    questions: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), required: z.boolean() })),
    seatTypes: z.array(seatTypeSchema),
    sessions: z.array(session),
    feedbackSurveyId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Event" });
const summary = z.object({
  id: z.string(),
  title: z.string(),
  theme: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  venueName: z.string().nullable(),
  onlineTool: z.string().nullable(),
  audience: z.string(),
  registrationOpen: z.boolean(),
});

const postEvent = defineEndpoint({
  method: "POST",
  path: "/api/v1/events",
  summary: "Create a seminar with its seat types (each its own capacity and waitlist) and programme",
  tags: ["events"],
  access: "secretariat",
  body: eventInputSchema,
  responses: { 201: { description: "The event", schema: eventSchema } },
});
const getEvents = defineEndpoint({
  method: "GET",
  path: "/api/v1/events",
  summary: "Published events: upcoming (soonest first) and past (newest first)",
  tags: ["events"],
  access: "public",
  responses: {
    200: { description: "Events", schema: z.object({ upcoming: z.array(summary), past: z.array(summary) }) },
  },
});

export const endpoints = [
  serve(getEvents, async ({ actor, state }) =>
    listEvents(state.services.database.db, actor, state.services.clock.now()),
  ),
  serve(postEvent, async ({ actor, state, body }) => {
    const event = await createEvent(eventsDepsFrom(state.services), actor, body);
    return created(event, `/api/v1/events/${event.id}`);
  }),
];

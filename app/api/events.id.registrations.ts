import { z } from "zod";
import { PUBLIC_WRITES } from "#core/shared/rate-limit.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { listRegistrations, registrationFilterSchema } from "#core/events/list-registrations.ts";
import { registerAttendee } from "#core/events/register-attendee.ts";
import { registrationInputSchema } from "#core/events/registration-input.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const receipt = z
  .object({
    id: z.string(),
    status: z.enum(["confirmed", "waitlisted"]),
    seatType: z.string(),
    waitlistPosition: z.number().int().optional(),
    token: z.string().meta({
      description: "The registrant's own token: for their ticket page and POST /api/v1/registrations/{id}/cancel",
    }),
  })
  .meta({ id: "RegistrationReceipt" });

const registration = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    sector: z.string().nullable(),
    seatType: z.string(),
    status: z.string(),
    arrival: z.number().int(),
    waitlistPosition: z.number().int().nullable(),
    ticketCode: z.string(),
    checkedInAt: z.string().nullable(),
    attendedOnline: z.boolean(),
    answers: z.record(z.string(), z.string()),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: "Registration" });

const postRegistration = defineEndpoint({
  method: "POST",
  path: "/api/v1/events/{id}/registrations",
  summary:
    "Register for a seat type (no account needed). Full → waitlist if the seat type keeps one; the same e-mail again → 409",
  tags: ["events"],
  access: "public",
  body: registrationInputSchema,
  publicWrite: PUBLIC_WRITES.registration,
  responses: {
    201: { description: "Confirmed or waitlisted", schema: receipt },
    404: { description: "No such event" },
    409: { description: "Already registered with this e-mail, or full without a waitlist, or registration closed" },
  },
});

const getRegistrations = defineEndpoint({
  method: "GET",
  path: "/api/v1/events/{id}/registrations",
  summary: "The event's registrations in registration order (limit/offset)",
  tags: ["events"],
  access: "secretariat",
  query: registrationFilterSchema,
  responses: {
    200: {
      description: "A page of registrations",
      schema: z.object({ items: z.array(registration), total: z.number().int() }),
    },
  },
});

export const endpoints = [
  serve(getRegistrations, async ({ actor, state, query, params }) =>
    listRegistrations(state.services.database.db, actor, params.id!, query),
  ),
  serve(postRegistration, async ({ actor, state, body, params }) => {
    const result = await registerAttendee(eventsDepsFrom(state.services), actor, params.id!, body);
    return created(result, `/api/v1/registrations/${result.id}`);
  }),
];

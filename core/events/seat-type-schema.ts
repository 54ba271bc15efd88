/** The JSON shape of a seat type with its counts in the API (an event's, and a capacity change's answer), for OpenAPI. */
import { z } from "zod";

export const seatTypeSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    capacity: z.number().int(),
    waitlist: z.boolean(),
    online: z.boolean(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    remaining: z.number().int(),
    over: z.number().int(),
  })
  .meta({ id: "SeatType" });

import { z } from "zod";
import { createActivity } from "#core/community/create-activity.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listActivities, activityListQuery, activitySummary } from "#core/community/list-activities.ts";
import { activityInput } from "#core/community/activity-input.ts";
import { activityRecord } from "#core/community/activity-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/activities",
  summary: "The activity log (実績), newest first: search by title, organiser, talk or speaker",
  tags: ["community"],
  access: "secretariat",
  query: activityListQuery,
  responses: {
    200: { description: "A page", schema: z.object({ items: z.array(activitySummary), total: z.number().int() }) },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/activities",
  summary: "Log an activity with its talks and attendees",
  tags: ["community"],
  access: "secretariat",
  body: activityInput,
  responses: { 201: { description: "Created", schema: activityRecord } },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listActivities(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const record = await createActivity(communityDepsFrom(state.services), actor, body);
    return created(record, `/api/v1/activities/${record.id}`);
  }),
];

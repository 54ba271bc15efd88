import { z } from "zod";
import { deleteActivity } from "#core/community/delete-activity.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getActivity } from "#core/community/get-activity.ts";
import { activityPatch } from "#core/community/activity-input.ts";
import { activityRecord } from "#core/community/activity-record.ts";
import { updateActivity } from "#core/community/update-activity.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/activities/{id}",
  summary: "One activity",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "The activity", schema: activityRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/activities/{id}",
  summary: "Change an activity (talks or attendees lists given replace them)",
  tags: ["community"],
  access: "secretariat",
  body: activityPatch,
  responses: {
    200: { description: "The activity", schema: activityRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/activities/{id}",
  summary: "Remove an activity",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) => getActivity(communityDepsFrom(state.services), actor, params.id!)),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deleteActivity(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updateActivity(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];

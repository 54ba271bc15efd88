import { z } from "zod";
import { deleteActivity } from "#core/community/delete-activity.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getActivity } from "#core/community/get-activity.ts";
import { activityPatch } from "#core/community/activity-input.ts";
import { activityRecord } from "#core/community/activity-record.ts";
import { updateActivity } from "#core/community/update-activity.ts";
import type { Route } from "./+types/api.v1.activities.$id";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

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

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, getEndpoint, ({ actor, state, params }) =>
    getActivity(communityDepsFrom(state.services), actor, params.id!),
  );

export const action = (args: Route.ActionArgs) =>
  args.request.method === "DELETE"
    ? handleApi(args, deleteEndpoint, async ({ actor, state, params }) => {
        await deleteActivity(communityDepsFrom(state.services), actor, params.id!);
        return { id: params.id!, deleted: true as const };
      })
    : handleApi(args, patchEndpoint, ({ actor, state, params, body }) =>
        updateActivity(communityDepsFrom(state.services), actor, params.id!, body),
      );

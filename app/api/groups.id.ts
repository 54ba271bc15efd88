import { z } from "zod";
import { deleteGroup } from "#core/community/delete-group.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getGroup } from "#core/community/get-group.ts";
import { groupPatch } from "#core/community/group-input.ts";
import { groupRecord } from "#core/community/group-record.ts";
import { updateGroup } from "#core/community/update-group.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/groups/{id}",
  summary: "One group with members and officers",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "The group", schema: groupRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/groups/{id}",
  summary: "Change a group (members or officers lists given replace them)",
  tags: ["community"],
  access: "secretariat",
  body: groupPatch,
  responses: {
    200: { description: "The group", schema: groupRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/groups/{id}",
  summary: "Remove a group",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) => getGroup(communityDepsFrom(state.services), actor, params.id!)),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deleteGroup(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updateGroup(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];

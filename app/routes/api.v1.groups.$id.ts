import { z } from "zod";
import { deleteGroup } from "#core/community/delete-group.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getGroup } from "#core/community/get-group.ts";
import { groupPatch } from "#core/community/group-input.ts";
import { groupRecord } from "#core/community/group-record.ts";
import { updateGroup } from "#core/community/update-group.ts";
import type { Route } from "./+types/api.v1.groups.$id";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

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

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, getEndpoint, ({ actor, state, params }) =>
    getGroup(communityDepsFrom(state.services), actor, params.id!),
  );

export const action = (args: Route.ActionArgs) =>
  args.request.method === "DELETE"
    ? handleApi(args, deleteEndpoint, async ({ actor, state, params }) => {
        await deleteGroup(communityDepsFrom(state.services), actor, params.id!);
        return { id: params.id!, deleted: true as const };
      })
    : handleApi(args, patchEndpoint, ({ actor, state, params, body }) =>
        updateGroup(communityDepsFrom(state.services), actor, params.id!, body),
      );

import { z } from "zod";
import { createGroup } from "#core/community/create-group.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listGroups, groupListQuery, groupSummary } from "#core/community/list-groups.ts";
import { groupInput } from "#core/community/group-input.ts";
import { groupRecord } from "#core/community/group-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/groups",
  summary:
    "Groups (research groups, working groups, consortia, communities, committees): all for the secretariat, one's own groups for others",
  tags: ["community"],
  access: "signed-in",
  query: groupListQuery,
  responses: {
    200: { description: "A page", schema: z.object({ items: z.array(groupSummary), total: z.number().int() }) },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/groups",
  summary: "Create a group with members and officers; an officer without a person or body is a vacant post (未任命)",
  tags: ["community"],
  access: "secretariat",
  body: groupInput,
  responses: { 201: { description: "Created", schema: groupRecord } },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listGroups(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const record = await createGroup(communityDepsFrom(state.services), actor, body);
    return created(record, `/api/v1/groups/${record.id}`);
  }),
];

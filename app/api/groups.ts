import { createGroup } from "#core/community/create-group.ts";
import { listGroups, groupListQuery, groupSummary } from "#core/community/list-groups.ts";
import { groupInput } from "#core/community/group-input.ts";
import { groupRecord } from "#core/community/group-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/groups",
  list: {
    summary:
      "Groups (research groups, working groups, consortia, communities, committees): all for the secretariat, one's own groups for others",
    access: "signed-in",
    query: groupListQuery,
    item: groupSummary,
    run: listGroups,
  },
  create: {
    summary: "Create a group with members and officers; an officer without a person or body is a vacant post (未任命)",
    access: "secretariat",
    body: groupInput,
    record: groupRecord,
    run: createGroup,
  },
});

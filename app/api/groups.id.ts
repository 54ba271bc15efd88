import { deleteGroup } from "#core/community/delete-group.ts";
import { getGroup } from "#core/community/get-group.ts";
import { groupPatch } from "#core/community/group-input.ts";
import { groupRecord } from "#core/community/group-record.ts";
import { updateGroup } from "#core/community/update-group.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/groups/{id}",
  access: { get: "signed-in", patch: "secretariat", delete: "secretariat" },
  record: groupRecord,
  the: "The group",
  summaries: {
    get: "One group with members and officers",
    patch: "Change a group (members or officers lists given replace them)",
    delete: "Remove a group",
  },
  patch: groupPatch,
  get: getGroup,
  update: updateGroup,
  remove: deleteGroup,
});

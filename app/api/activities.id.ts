import { deleteActivity } from "#core/community/delete-activity.ts";
import { getActivity } from "#core/community/get-activity.ts";
import { activityPatch } from "#core/community/activity-input.ts";
import { activityRecord } from "#core/community/activity-record.ts";
import { updateActivity } from "#core/community/update-activity.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/activities/{id}",
  access: { get: "secretariat", patch: "secretariat", delete: "secretariat" },
  record: activityRecord,
  the: "The activity",
  summaries: {
    get: "One activity",
    patch: "Change an activity (talks or attendees lists given replace them)",
    delete: "Remove an activity",
  },
  patch: activityPatch,
  get: getActivity,
  update: updateActivity,
  remove: deleteActivity,
});

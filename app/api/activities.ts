import { createActivity } from "#core/community/create-activity.ts";
import { listActivities, activityListQuery, activitySummary } from "#core/community/list-activities.ts";
import { activityInput } from "#core/community/activity-input.ts";
import { activityRecord } from "#core/community/activity-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/activities",
  list: {
    summary: "The activity log (実績), newest first: search by title, organiser, talk or speaker",
    access: "secretariat",
    query: activityListQuery,
    item: activitySummary,
    run: listActivities,
  },
  create: {
    summary: "Log an activity with its talks and attendees",
    access: "secretariat",
    body: activityInput,
    record: activityRecord,
    run: createActivity,
  },
});

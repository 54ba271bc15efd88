import { deleteMeeting } from "#core/community/delete-meeting.ts";
import { getMeeting } from "#core/community/get-meeting.ts";
import { meetingPatch } from "#core/community/meeting-input.ts";
import { meetingRecord } from "#core/community/meeting-record.ts";
import { updateMeeting } from "#core/community/update-meeting.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/meetings/{id}",
  access: { get: "signed-in", patch: "signed-in", delete: "secretariat" },
  record: meetingRecord,
  the: "The meeting",
  summaries: {
    get: "One meeting (the secretariat: any; a group lead: their own group's)",
    patch:
      "Change a meeting (decisions given with their id are updated, without are added, left out are removed); a group lead: their own group's, kept in that group",
    delete: "Remove a meeting with its decisions",
  },
  patch: meetingPatch,
  get: getMeeting,
  update: updateMeeting,
  remove: deleteMeeting,
});

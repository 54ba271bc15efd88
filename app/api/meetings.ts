import { createMeeting } from "#core/community/create-meeting.ts";
import { listMeetings, meetingListQuery, meetingSummary } from "#core/community/list-meetings.ts";
import { meetingInput } from "#core/community/meeting-input.ts";
import { meetingRecord } from "#core/community/meeting-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/meetings",
  list: {
    summary:
      "Meetings: search by title, agenda or decision; filter by group and date (Japan time); a group lead sees their own groups' only",
    access: "signed-in",
    query: meetingListQuery,
    item: meetingSummary,
    responses: { 403: { description: "Neither the secretariat nor a group lead" } },
    run: listMeetings,
  },
  create: {
    summary:
      "Record a meeting with attendees by organisation, agenda, Markdown minutes and decisions; a time without offset is Japan time; a group lead records meetings of a group they lead",
    access: "signed-in",
    body: meetingInput,
    record: meetingRecord,
    responses: { 403: { description: "Not allowed (a group lead: another group)" } },
    run: createMeeting,
  },
});

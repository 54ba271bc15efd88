import { z } from "zod";
import { createMeeting } from "#core/community/create-meeting.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listMeetings, meetingListQuery, meetingSummary } from "#core/community/list-meetings.ts";
import { meetingInput } from "#core/community/meeting-input.ts";
import { meetingRecord } from "#core/community/meeting-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/meetings",
  summary:
    "Meetings: search by title, agenda or decision; filter by group and date (Japan time); a group lead sees their own groups' only",
  tags: ["community"],
  access: "signed-in",
  query: meetingListQuery,
  responses: {
    200: { description: "A page", schema: z.object({ items: z.array(meetingSummary), total: z.number().int() }) },
    403: { description: "Neither the secretariat nor a group lead" },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/meetings",
  summary:
    "Record a meeting with attendees by organisation, agenda, Markdown minutes and decisions; a time without offset is Japan time; a group lead records meetings of a group they lead",
  tags: ["community"],
  access: "signed-in",
  body: meetingInput,
  responses: {
    201: { description: "Created", schema: meetingRecord },
    403: { description: "Not allowed (a group lead: another group)" },
  },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listMeetings(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const record = await createMeeting(communityDepsFrom(state.services), actor, body);
    return created(record, `/api/v1/meetings/${record.id}`);
  }),
];

import { z } from "zod";
import { deleteMeeting } from "#core/community/delete-meeting.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getMeeting } from "#core/community/get-meeting.ts";
import { meetingPatch } from "#core/community/meeting-input.ts";
import { meetingRecord } from "#core/community/meeting-record.ts";
import { updateMeeting } from "#core/community/update-meeting.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/meetings/{id}",
  summary: "One meeting (the secretariat: any; a group lead: their own group's)",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "The meeting", schema: meetingRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/meetings/{id}",
  summary:
    "Change a meeting (decisions given with their id are updated, without are added, left out are removed); a group lead: their own group's, kept in that group",
  tags: ["community"],
  access: "signed-in",
  body: meetingPatch,
  responses: {
    200: { description: "The meeting", schema: meetingRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/meetings/{id}",
  summary: "Remove a meeting with its decisions",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) => getMeeting(communityDepsFrom(state.services), actor, params.id!)),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deleteMeeting(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updateMeeting(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];

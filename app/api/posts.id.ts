import { getPost } from "#core/sharing/get-post.ts";
import { postSchema } from "#core/sharing/post-schema.ts";
import { defineEndpoint, serve } from "./endpoint.ts";
import { loadViewer } from "#core/sharing/load-viewer.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const getPostEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/posts/{id}",
  summary: "One post with its attachments, if the caller may see it (otherwise 404)",
  tags: ["sharing"],
  access: "public",
  responses: {
    200: { description: "The post", schema: postSchema },
    404: { description: "No such post, or not for this caller" },
  },
});

export const endpoints = [
  serve(getPostEndpoint, async ({ state, params }) =>
    getPost(
      state.services.database.db,
      await loadViewer(state.services.database.db, state.actor),
      params.id!,
      sharingDepsFrom(state.services).shared,
    ),
  ),
];

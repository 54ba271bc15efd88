import type { Route } from "./+types/api.v1.posts.$id";
import { getPost } from "#core/sharing/get-post.ts";
import { postSchema } from "#core/sharing/post-schema.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";
import { viewerOf } from "./posts.web.server.ts";

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

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, getPostEndpoint, async ({ state, params }) =>
    getPost(state.services.database.db, await viewerOf(state), params.id!),
  );

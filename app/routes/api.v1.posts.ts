import { z } from "zod";
import type { Route } from "./+types/api.v1.posts";
import { createPost } from "#core/sharing/create-post.ts";
import { listPosts, listPostsQuerySchema } from "#core/sharing/list-posts.ts";
import { postInputSchema } from "#core/sharing/posts.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { created, handleApi } from "../lib/api.server.ts";
import { postSchema } from "#core/sharing/post-schema.ts";
import { viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const listPostsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/posts",
  summary: "Posts the caller may see (TLP 2.0): the public gets TLP:CLEAR only",
  tags: ["sharing"],
  access: "public",
  query: listPostsQuerySchema,
  responses: {
    200: {
      description: "Visible posts, newest first",
      schema: z.object({ items: z.array(postSchema), total: z.number().int() }),
    },
  },
});

const createPostEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/posts",
  summary: "Publish (or draft) an advisory, news item or incident case",
  tags: ["sharing"],
  access: "secretariat",
  body: postInputSchema,
  responses: {
    201: { description: "Created", schema: z.object({ id: z.string() }) },
    401: { description: "Not signed in" },
    403: { description: "Not the secretariat" },
    422: { description: "Invalid fields" },
  },
});

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, listPostsEndpoint, async ({ state, query }) =>
    listPosts(state.services.database.db, await viewerOf(state), query),
  );

export const action = (args: Route.ActionArgs) =>
  handleApi(args, createPostEndpoint, async ({ state, actor, body }) => {
    const { id } = await createPost(sharingDepsFrom(state.services), actor, body);
    return created({ id }, `/api/v1/posts/${id}`);
  });

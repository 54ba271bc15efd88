import { z } from "zod";
import { createPost } from "#core/sharing/create-post.ts";
import { listPosts, listPostsQuerySchema } from "#core/sharing/list-posts.ts";
import { postInputSchema } from "#core/sharing/posts.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";
import { postSchema } from "#core/sharing/post-schema.ts";
import { loadViewer } from "#core/sharing/load-viewer.ts";
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

export const endpoints = [
  serve(listPostsEndpoint, async ({ state, query }) =>
    listPosts(state.services.database.db, await loadViewer(state.services.database.db, state.actor), query, {
      shared: sharingDepsFrom(state.services).shared,
    }),
  ),
  serve(createPostEndpoint, async ({ state, actor, body }) => {
    const { id } = await createPost(sharingDepsFrom(state.services), actor, body);
    return created({ id }, `/api/v1/posts/${id}`);
  }),
];

import { z } from "zod";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listCommunityShares } from "#core/sharing/list-community-shares.ts";
import { communitySharesSchema, setCommunityShares } from "#core/sharing/set-community-shares.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const shares = z
  .object({
    title: z.string(),
    tlp: z.string().nullable(),
    choices: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        sharedAt: z
          .string()
          .nullable()
          .meta({ description: "When it was shared with this community; null: not shared" }),
      }),
    ),
  })
  .meta({ id: "PostCommunityShares" });

const getShares = defineEndpoint({
  method: "GET",
  path: "/api/v1/posts/{id}/shares",
  summary: "The other communities of this installation and whether this community's post is shared with each (ADR 038)",
  tags: ["sharing"],
  access: "secretariat",
  responses: {
    200: { description: "The communities", schema: shares },
    404: { description: "No such post of this community" },
  },
});

const putShares = defineEndpoint({
  method: "PUT",
  path: "/api/v1/posts/{id}/shares",
  summary:
    "Share the post with exactly these communities (slugs): others are added, those left out withdrawn at once. TLP applies in each as here, with its own members; the audience lists and download logs are never shared",
  tags: ["sharing"],
  access: "secretariat",
  body: communitySharesSchema,
  responses: {
    200: {
      description: "Saved; the communities it is shared with",
      schema: z.object({ communities: z.array(z.string()) }),
    },
    404: { description: "No such post of this community" },
    409: { description: "cross-share-red: a TLP:RED post is never shared with another community" },
    422: { description: "communities: an unknown community, or this community itself" },
  },
});

export const endpoints = [
  serve(getShares, async ({ actor, state, params }) =>
    listCommunityShares(state.services.database.db, actor, { type: "post", id: params.id! }),
  ),
  serve(putShares, async ({ actor, state, params, body }) =>
    setCommunityShares(sharingDepsFrom(state.services), actor, { type: "post", id: params.id! }, body),
  ),
];

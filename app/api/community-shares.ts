import { z } from "zod";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listCommunityShares } from "#core/sharing/list-community-shares.ts";
import { communitySharesSchema, type ShareSubject, setCommunityShares } from "#core/sharing/set-community-shares.ts";
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
  .meta({ id: "CommunityShares" });

/** What is shared, as the API names it: its path and how the summaries call it. */
const SUBJECTS = {
  post: { path: "/api/v1/posts/{id}/shares", noun: "post" },
  material: { path: "/api/v1/materials/{id}/shares", noun: "talk material" },
} as const satisfies Record<ShareSubject["type"], { path: string; noun: string }>;

/** GET and PUT of one kind of item's shares with the installation's other communities (ADR 038). */
function sharesEndpoints(type: ShareSubject["type"]) {
  const { path, noun } = SUBJECTS[type];
  const getShares = defineEndpoint({
    method: "GET",
    path,
    summary: `The other communities of this installation and whether this community's ${noun} is shared with each (ADR 038)`,
    tags: ["sharing"],
    access: "secretariat",
    responses: {
      200: { description: "The communities", schema: shares },
      404: { description: `No such ${noun} of this community` },
    },
  });
  const putShares = defineEndpoint({
    method: "PUT",
    path,
    summary: `Share the ${noun} with exactly these communities (slugs): others are added, those left out withdrawn at once. TLP applies in each as here, with its own members; the audience lists and download logs are never shared`,
    tags: ["sharing"],
    access: "secretariat",
    body: communitySharesSchema,
    responses: {
      200: {
        description: "Saved; the communities it is shared with",
        schema: z.object({ communities: z.array(z.string()) }),
      },
      404: { description: `No such ${noun} of this community` },
      409: { description: `cross-share-red: a TLP:RED ${noun} is never shared with another community` },
      422: { description: "communities: an unknown community, or this community itself" },
    },
  });
  return [
    serve(getShares, async ({ actor, state, params }) =>
      listCommunityShares(state.services.database.db, actor, { type, id: params.id! }),
    ),
    serve(putShares, async ({ actor, state, params, body }) =>
      setCommunityShares(sharingDepsFrom(state.services), actor, { type, id: params.id! }, body),
    ),
  ];
}

export const endpoints = [...sharesEndpoints("post"), ...sharesEndpoints("material")];

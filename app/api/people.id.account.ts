import { z } from "zod";
import { communityDepsFrom } from "#core/community/deps.ts";
import { linkPersonAccount, linkPersonAccountInput } from "#core/community/link-person-account.ts";
import { unlinkPersonAccount } from "#core/community/unlink-person-account.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const linkSchema = z
  .object({ personId: z.string(), userId: z.string().nullable() })
  .meta({ id: "PersonAccountLink", description: "The account linked to a registry person (null: none)" });

const putEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/people/{id}/account",
  summary:
    "Link an account to a registry person (by accountEmail or userId): the account then sees the TLP:RED posts addressed to the person and acts for the person's organisation; one account per person",
  tags: ["community"],
  access: "secretariat",
  body: linkPersonAccountInput,
  responses: {
    200: { description: "Linked", schema: linkSchema },
    404: { description: "No such person" },
    422: { description: "Unknown account, the person has another account, or the account is another person's" },
  },
});

const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/people/{id}/account",
  summary: "Unlink the person's account: at once it no longer sees the RED posts addressed to the person",
  tags: ["community"],
  access: "secretariat",
  responses: { 200: { description: "Unlinked", schema: linkSchema }, 404: { description: "No such person" } },
});

export const endpoints = [
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await unlinkPersonAccount(communityDepsFrom(state.services), actor, params.id!);
    return { personId: params.id!, userId: null };
  }),
  serve(putEndpoint, ({ actor, state, params, body }) =>
    linkPersonAccount(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];

import { z } from "zod";
import { defineEndpoint, serve } from "./endpoint.ts";

const grant = z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() });
const me = z
  .object({
    kind: z.enum(["user", "token", "system"]),
    id: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    roles: z.array(grant),
    twoFactorEnabled: z.boolean().nullable(),
  })
  .meta({ id: "Me" });

const getMe = defineEndpoint({
  method: "GET",
  path: "/api/v1/me",
  summary: "Who the caller is (session cookie or bearer token)",
  tags: ["accounts"],
  access: "signed-in",
  responses: { 200: { description: "The caller", schema: me }, 401: { description: "Not signed in" } },
});

export const endpoints = [
  serve(getMe, async ({ actor }): Promise<z.infer<typeof me>> => {
    switch (actor.kind) {
      case "user":
        return {
          kind: "user",
          id: actor.userId,
          name: actor.name,
          email: actor.email,
          roles: actor.grants,
          twoFactorEnabled: actor.twoFactorEnabled,
        };
      case "token":
        return {
          kind: "token",
          id: actor.tokenId,
          name: actor.name,
          email: null,
          roles: actor.grants,
          twoFactorEnabled: null,
        };
      default:
        throw new Error("unreachable: anonymous callers are refused before");
    }
  }),
];

import type { Route } from "./+types/api.v1.mailings.$id._index";
import { getMailing } from "#core/mailings/get-mailing.ts";
import { mailingWithProgressSchema } from "#core/mailings/mailing-schema.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

const getMailingEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/mailings/{id}",
  summary: "One mailing with its status and live progress (sent / failed / waiting / skipped of total)",
  tags: ["mailings"],
  access: "secretariat",
  responses: {
    200: { description: "The mailing", schema: mailingWithProgressSchema },
    404: { description: "No such mailing" },
  },
});

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, getMailingEndpoint, async ({ state, actor, params }) =>
    getMailing(state.services.database.db, actor, params.id!),
  );

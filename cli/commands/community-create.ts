import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const communityCreateCommand: CliCommand = {
  name: "community create",
  summary: "cli.summary.community-create",
  usage:
    "community create --slug SLUG --name NAME [--name-en NAME] [--sender-name NAME] [--sender-address EMAIL] [--host HOST]",
  fieldOptions: { nameEn: "--name-en", senderName: "--sender-name", senderAddress: "--sender-address" },
  async run(args, services, io) {
    const { createCommunity } = await import("../../core/communities/create-community.ts");
    const { values } = parseCommandArgs(args, {
      slug: { type: "string" },
      name: { type: "string" },
      "name-en": { type: "string" },
      "sender-name": { type: "string" },
      "sender-address": { type: "string" },
      host: { type: "string" },
    });
    const community = await createCommunity({ root: services.database.root, clock: services.clock }, cliActor, {
      slug: values.slug ?? "",
      name: values.name ?? "",
      nameEn: values["name-en"],
      senderName: values["sender-name"],
      senderAddress: values["sender-address"],
      host: values.host,
    });
    io.out(io.t("cli.community.created", { slug: community.slug, id: community.id }));
  },
};

export const communityListCommand: CliCommand = {
  name: "community list",
  summary: "cli.summary.community-list",
  usage: "community list",
  async run(args, services, io) {
    parseCommandArgs(args, {});
    const { listCommunities } = await import("../../db/communities.ts");
    for (const c of await listCommunities(services.database.root)) {
      io.out([c.slug, c.id, c.name, c.host ?? "-", c.created_at].join("\t"));
    }
  },
};

import { listApiTokens } from "../../core/accounts/api-tokens.ts";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const tokenListCommand: CliCommand = {
  name: "token list",
  summary: "cli.summary.token-list",
  usage: "token list",
  async run(args, services, io) {
    parseCommandArgs(args, {});
    const tokens = await listApiTokens(services.accounts, cliActor);
    if (tokens.length === 0) {
      io.err(io.t("cli.token.none"));
      return;
    }
    io.out(io.t("cli.token.header"));
    for (const t of tokens) {
      io.out([t.id, t.name, t.role, t.scopeId ?? "-", t.createdAt, t.lastUsedAt ?? "-", t.revokedAt ?? "-"].join("\t"));
    }
  },
};

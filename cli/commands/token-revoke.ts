import { revokeApiToken } from "../../core/accounts/api-tokens.ts";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const tokenRevokeCommand: CliCommand = {
  name: "token revoke",
  summary: "cli.summary.token-revoke",
  usage: "token revoke ID",
  async run(args, services, io) {
    const { positionals } = parseCommandArgs(args, {}, 1);
    await revokeApiToken(services.accounts, cliActor, positionals[0]!);
    io.out(io.t("cli.token.revoked", { id: positionals[0]! }));
  },
};

import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const tokenCreateCommand: CliCommand = {
  name: "token create",
  summary: "cli.summary.token-create",
  usage: "token create --role secretariat|member|group-lead|speaker --name NAME [--scope ID]",
  fieldOptions: { scopeId: "--scope" },
  async run(args, services, io) {
    const { values } = parseCommandArgs(args, {
      role: { type: "string" },
      name: { type: "string" },
      scope: { type: "string" },
    });
    const { id, token } = await createApiToken(services.accounts, cliActor, {
      role: values.role as never,
      name: values.name ?? "",
      scopeId: values.scope,
    });
    io.err(io.t("cli.token.created", { name: values.name!.trim(), id }));
    // Scripts take the last line of stdout: `TOKEN=$(npx chiiki token create … | tail -n 1)`.
    io.out(token);
  },
};

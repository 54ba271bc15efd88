import { PASSWORD_MIN_LENGTH } from "../../core/accounts/create-auth.ts";
import { createSecretariatAccount, installFirstSecretariat } from "../../core/accounts/create-secretariat-account.ts";
import { grantSecretariatRole } from "../../core/accounts/grant-secretariat-role.ts";
import { type CliCommand, cliActor, parseCommandArgs, UsageError } from "../command.ts";
import { readSecret } from "../read-secret.ts";

export const adminCreateCommand: CliCommand = {
  name: "admin create",
  summary: "cli.summary.admin-create",
  usage: "admin create --email EMAIL --name NAME [--password PASSWORD] [--community NAME] [--locale ja|en]",
  async run(args, services, io) {
    const { values } = parseCommandArgs(args, {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      community: { type: "string", default: "Chiiki" },
      locale: { type: "string", default: "ja" },
    });
    // An account of another community of this installation becomes a secretariat here too
    // (accounts are the installation's, roles each community's): no password is asked for.
    if (values.email) {
      const granted = await grantSecretariatRole(services.accounts, cliActor, { email: values.email });
      if (granted) {
        io.out(io.t("cli.admin.granted", { email: values.email.trim().toLowerCase() }));
        return;
      }
    }
    const password =
      values.password ??
      services.env.adminPassword ??
      (await readSecret(io.stdin, io.t("cli.admin.passwordPrompt", { min: PASSWORD_MIN_LENGTH }), io.prompt));
    if (!password) throw new UsageError(io.t("cli.admin.noPassword"));
    const input = {
      email: values.email ?? "",
      name: values.name ?? "",
      password,
      locale: values.locale as "ja" | "en",
    };
    const { db } = services.database;
    // A truly fresh installation gets the first-run treatment (community name, installed_at);
    // once anything is set (even by `npx chiiki demo`), this is one more secretariat account.
    const fresh = !(await db.selectFrom("app_settings").select("key").limit(1).executeTakeFirst());
    if (fresh) {
      await installFirstSecretariat(services.accounts, { ...input, community: values.community });
      io.out(io.t("cli.admin.installed", { email: input.email.trim().toLowerCase() }));
    } else {
      await createSecretariatAccount(services.accounts, cliActor, input);
      io.out(io.t("cli.admin.created", { email: input.email.trim().toLowerCase() }));
    }
    io.err(io.t("cli.admin.twoFactorNext"));
  },
};

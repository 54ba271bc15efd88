import { PASSWORD_MIN_LENGTH } from "../../core/accounts/create-auth.ts";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";
import { readSecret } from "../read-secret.ts";

export const programmeCreateCommand: CliCommand = {
  name: "programme create",
  summary: "cli.summary.programme-create",
  usage: "programme create --slug SLUG --name NAME [--name-en NAME] --communities SLUG,SLUG,…",
  fieldOptions: { nameEn: "--name-en" },
  async run(args, services, io) {
    const { createProgramme } = await import("../../core/programme/create-programme.ts");
    const { programmeDepsFrom } = await import("../../core/programme/deps.ts");
    const { values } = parseCommandArgs(args, {
      slug: { type: "string" },
      name: { type: "string" },
      "name-en": { type: "string" },
      communities: { type: "string" },
    });
    const programme = await createProgramme(programmeDepsFrom(services), cliActor, {
      slug: values.slug ?? "",
      name: values.name ?? "",
      nameEn: values["name-en"],
      communities: (values.communities ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
    io.out(io.t("cli.programme.created", { slug: programme.slug, communities: programme.communities }));
  },
};

export const programmeStaffCommand: CliCommand = {
  name: "programme staff",
  summary: "cli.summary.programme-staff",
  usage: "programme staff --programme SLUG --email EMAIL [--name NAME]",
  async run(args, services, io) {
    const { addProgrammeStaff } = await import("../../core/programme/add-programme-staff.ts");
    const { programmeDepsFrom } = await import("../../core/programme/deps.ts");
    const { values } = parseCommandArgs(args, {
      programme: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
    });
    const email = values.email ?? "";
    const exists = await services.database.root
      .selectFrom("user")
      .select("id")
      .where("email", "=", email.trim().toLowerCase())
      .executeTakeFirst();
    // A new account needs a password (from standard input, never the command line's history).
    const password =
      exists || !values.name
        ? undefined
        : await readSecret(io.stdin, io.t("cli.admin.passwordPrompt", { min: PASSWORD_MIN_LENGTH }), io.prompt);
    const staff = await addProgrammeStaff({ ...programmeDepsFrom(services), accounts: services.accounts }, cliActor, {
      programme: values.programme ?? "",
      email,
      name: values.name,
      password: password ?? undefined,
    });
    io.out(
      io.t(staff.added ? "cli.programme.staffAdded" : "cli.programme.staffAlready", {
        email: email.trim().toLowerCase(),
        programme: values.programme ?? "",
      }),
    );
  },
};

import { type CliCommand, cliActor, parseCommandArgs, UsageError } from "../command.ts";

const counts = ["communities", "organisations", "people", "events", "registrations", "answers"] as const;

export const scaleSeedCommand: CliCommand = {
  name: "scale seed",
  summary: "cli.summary.scale-seed",
  usage:
    "scale seed [--communities 60] [--organisations 30000] [--people 200000] [--events 600] [--registrations 60000] " +
    "[--answers 200000] [--fiscal-year 2020] [--prefix scale] [--host-suffix SUFFIX] [--seed TEXT]",
  fieldOptions: { fiscalYear: "--fiscal-year", hostSuffix: "--host-suffix" },
  async run(args, services, io) {
    const { seedScale } = await import("../../core/scale/seed-scale.ts");
    const { values } = parseCommandArgs(args, {
      ...Object.fromEntries(counts.map((c) => [c, { type: "string" as const }])),
      "fiscal-year": { type: "string" },
      prefix: { type: "string" },
      "host-suffix": { type: "string" },
      seed: { type: "string" },
    });
    const number = (option: string, value: string | boolean | undefined) => {
      if (value === undefined) return undefined;
      if (typeof value !== "string" || !/^\d+$/.test(value))
        throw new UsageError(io.t("cli.scale.wholeNumber", { option }));
      return Number(value);
    };
    const secret = services.accounts.auth.options.secret;
    if (!secret) throw new Error("the scale seed needs the server secret");
    const v = values as Record<string, string | undefined>;
    const result = await seedScale(
      {
        root: services.database.root,
        dialect: services.database.dialect,
        clock: services.clock,
        secret,
        baseUrl: services.accounts.baseUrl,
        log: (line) => io.err(line),
      },
      cliActor,
      {
        ...Object.fromEntries(counts.map((c) => [c, number(c, v[c])]).filter(([, n]) => n !== undefined)),
        fiscalYear: number("fiscal-year", v["fiscal-year"]),
        prefix: v.prefix,
        hostSuffix: v["host-suffix"],
        seed: v.seed,
      },
    );
    io.err(
      io.t("cli.scale.seeded", {
        communities: result.communities.length,
        seconds: result.seconds.toFixed(1),
        fiscalYear: result.fiscalYear,
        programme: result.programme,
      }),
    );
    io.out(result.programme);
  },
};

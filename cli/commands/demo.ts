import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const demoCommand: CliCommand = {
  name: "demo",
  summary: "cli.summary.demo",
  usage: "demo",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { loadDemoYear } = await import("../../core/demo/load-demo-year.ts");
    const { loadProgrammeDemo } = await import("../../core/programme/programme-demo.ts");
    parseCommandArgs(args, {});
    const contextFor = (s: typeof services) => ({
      db: s.database.db,
      dialect: s.database.dialect,
      clock: s.clock,
      accounts: s.accounts,
      actor: cliActor,
      storage: s.storage,
      log: io.out,
    });
    await loadDemoYear(contextFor(services));
    // A second community and the programme office over both (issue 18).
    io.out("— programme");
    await loadProgrammeDemo({
      root: services.database.root,
      home: services.community,
      context: contextFor(services),
      accounts: services.accounts,
      contextFor: (community) => contextFor(services.forCommunity(community)),
    });
    io.out(io.t("cli.demo.done"));
  },
};

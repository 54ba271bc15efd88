import path from "node:path";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const restoreCommand: CliCommand = {
  name: "restore",
  summary: "cli.summary.restore",
  usage: "restore FILE",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { restoreBackup } = await import("../../core/backup/restore-backup.ts");
    const file = path.resolve(parseCommandArgs(args, {}, 1).positionals[0]!);
    const summary = await restoreBackup(
      { ...services.database, clock: services.clock, storage: services.storage },
      cliActor,
      file,
    );
    io.out(io.t("cli.restore.done", { file, tables: summary.tables.length, rows: summary.rows, files: summary.files }));
  },
};

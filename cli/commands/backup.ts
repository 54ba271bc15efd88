import path from "node:path";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const backupCommand: CliCommand = {
  name: "backup",
  summary: "cli.summary.backup",
  usage: "backup FILE   (例 / e.g. chiiki-2021-03-31.jsonl.gz)",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { createBackup } = await import("../../core/backup/create-backup.ts");
    const file = path.resolve(parseCommandArgs(args, {}, 1).positionals[0]!);
    const summary = await createBackup(
      { ...services.database, clock: services.clock, storage: services.storage },
      cliActor,
      file,
    );
    io.out(io.t("cli.backup.done", { file, tables: summary.tables.length, rows: summary.rows, files: summary.files }));
  },
};

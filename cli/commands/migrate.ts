import { migrateToLatest } from "../../db/create-db.ts";
import { listAppliedMigrations } from "../../db/describe-tables.ts";
import { type CliCommand, parseCommandArgs } from "../command.ts";

export const migrateCommand: CliCommand = {
  name: "migrate",
  summary: "cli.summary.migrate",
  usage: "migrate",
  autoMigrate: false,
  async run(args, services, io) {
    parseCommandArgs(args, {});
    const result = await migrateToLatest(services.database.root);
    for (const migration of result.results ?? [])
      io.out(io.t("cli.migrate.applied", { name: migration.migrationName }));
    if (!result.results?.length) {
      io.out(io.t("cli.migrate.upToDate", { count: (await listAppliedMigrations(services.database.root)).length }));
    }
  },
};

/**
 * Every `npx chiiki` command. To add one: write cli/commands/<name>.ts exporting a CliCommand
 * (see cli/command.ts), then add one import and one entry here. Order is the order of `help`.
 */
import type { CliCommand } from "../command.ts";
import { adminCreateCommand } from "./admin-create.ts";
import { backupCommand } from "./backup.ts";
import { communityCreateCommand, communityListCommand } from "./community-create.ts";
import { demoCommand } from "./demo.ts";
import { eventsRemindCommand } from "./events-remind.ts";
import { migrateCommand } from "./migrate.ts";
import { programmeCreateCommand, programmeStaffCommand } from "./programme.ts";
import { reportCommand } from "./report.ts";
import { restoreCommand } from "./restore.ts";
import { scaleSeedCommand } from "./scale-seed.ts";
import { surveyImportCommand } from "./survey-import.ts";
import { surveyResultsCommand } from "./survey-results.ts";
import { tokenCreateCommand } from "./token-create.ts";
import { tokenListCommand } from "./token-list.ts";
import { tokenRevokeCommand } from "./token-revoke.ts";

export const commands: CliCommand[] = [
  migrateCommand,
  adminCreateCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  communityCreateCommand,
  communityListCommand,
  programmeCreateCommand,
  programmeStaffCommand,
  demoCommand,
  scaleSeedCommand,
  eventsRemindCommand,
  backupCommand,
  restoreCommand,
  reportCommand,
  surveyImportCommand,
  surveyResultsCommand,
];

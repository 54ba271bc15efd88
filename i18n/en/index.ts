import { accounts } from "./accounts.ts";
import { backup } from "./backup.ts";
import { cli } from "./cli.ts";
import { common } from "./common.ts";
import { events } from "./events.ts";
import { reports } from "./reports.ts";
import { surveys } from "./surveys.ts";

export const en = { ...common, ...events, ...accounts, ...backup, ...cli, ...surveys, ...reports };

import { accounts } from "./accounts.ts";
import { common } from "./common.ts";
import { reports } from "./reports.ts";
import { surveys } from "./surveys.ts";

export const en = { ...common, ...accounts, ...surveys, ...reports };

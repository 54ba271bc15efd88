import { accounts } from "./accounts.ts";
import { common } from "./common.ts";

export const en = { ...common, ...accounts };

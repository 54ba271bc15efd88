import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/** What the report's use cases need (services.accounts satisfies it). */
export interface ReportsDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  baseUrl: string;
}

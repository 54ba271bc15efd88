import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/** What the report's use cases need. */
export interface ReportsDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  baseUrl: string;
}

/** The deps from a process's services (web layer, CLI). */
export function reportsDepsFrom(services: {
  database: { db: Kysely<DB>; dialect: DialectName };
  clock: Clock;
  env: { baseUrl: string };
}): ReportsDeps {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    baseUrl: services.env.baseUrl,
  };
}

import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/** What the registry's use cases need; attachments live under `<dataDir>/uploads/agreements/`. */
export interface CommunityDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  dataDir: string;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function communityDepsFrom(services: {
  database: { db: Kysely<DB>; dialect: DialectName };
  clock: Clock;
  env: { dataDir: string };
}): CommunityDeps {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    dataDir: services.env.dataDir,
  };
}

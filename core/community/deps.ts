import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { FileStorage } from "../storage/port.ts";

/** What the registry's use cases need; attachments live in the file storage under `agreements/`. */
export interface CommunityDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  storage: FileStorage;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function communityDepsFrom(services: {
  database: { db: Kysely<DB>; dialect: DialectName };
  clock: Clock;
  storage: FileStorage;
}): CommunityDeps {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    storage: services.storage,
  };
}

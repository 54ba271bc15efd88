import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/**
 * What the programme office's use cases need: the installation's unscoped database (`root`),
 * because a programme reads several communities at once. Every query of core/programme names the
 * programme's communities itself (`community_id in …`), and only ever returns aggregates.
 */
export interface ProgrammeDeps {
  root: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function programmeDepsFrom(services: {
  database: { root: Kysely<DB>; dialect: DialectName };
  clock: Clock;
}): ProgrammeDeps {
  return { root: services.database.root, dialect: services.database.dialect, clock: services.clock };
}

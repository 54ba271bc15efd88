import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";

/** What survey use cases need. */
export interface SurveysDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  baseUrl: string;
  onMailQueued?: () => void;
  /** Limits mails to an address given by anyone (a resume link); without it, nothing is limited. */
  limitRate?: RateLimiter;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function surveysDepsFrom(services: {
  database: { db: Kysely<DB>; dialect: DialectName };
  clock: Clock;
  env: { baseUrl: string };
  wakeOutbox?: () => void;
}): SurveysDeps {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    baseUrl: services.env.baseUrl,
    onMailQueued: services.wakeOutbox,
  };
}

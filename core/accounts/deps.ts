import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { RateLimiter } from "../shared/rate-limit.ts";
import type { Auth } from "./create-auth.ts";

/** What account use cases need; passed in so tests run them against a real database. */
export interface AccountsDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  auth: Auth;
  baseUrl: string;
  onMailQueued?: () => void;
  /** Limits sign-in attempts per client and per address; without it, nothing is limited. */
  limitRate?: RateLimiter;
}

/** The deps from a process's services (web layer, CLI, demo). */
export function accountsDepsFrom(services: {
  database: { db: Kysely<DB>; dialect: DialectName };
  clock: Clock;
  auth: Auth;
  env: { baseUrl: string };
  wakeOutbox?: () => void;
  limitRate?: RateLimiter;
}): AccountsDeps {
  return {
    db: services.database.db,
    dialect: services.database.dialect,
    clock: services.clock,
    auth: services.auth,
    baseUrl: services.env.baseUrl,
    onMailQueued: services.wakeOutbox,
    limitRate: services.limitRate,
  };
}

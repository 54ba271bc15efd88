import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/** What the personal-data use cases need. */
export interface PrivacyDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Builds the self-service deletion link. */
  baseUrl: string;
  /** Keys the pseudonyms and address hashes, so they cannot be reversed by guessing addresses. */
  secret: string;
  onMailQueued?: () => void;
}

export function privacyDepsFrom(services: {
  database: { db: Kysely<DB> };
  clock: Clock;
  env: { baseUrl: string; secret: string };
  wakeOutbox?: () => void;
}): PrivacyDeps {
  return {
    db: services.database.db,
    clock: services.clock,
    baseUrl: services.env.baseUrl,
    secret: services.env.secret,
    onMailQueued: services.wakeOutbox,
  };
}

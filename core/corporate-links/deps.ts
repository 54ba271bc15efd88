import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/**
 * What the 法人番号 links need (ADR 039): the community's scoped database for its own
 * organisations, and — for `across-communities.ts` only — the installation's unscoped `root` and
 * the community's id, as a link is a record of two communities.
 */
export interface CorporateLinkDeps {
  db: Kysely<DB>;
  root: Kysely<DB>;
  communityId: string;
  clock: Clock;
}

/** The deps from a community's services (web layer, CLI). */
export function corporateLinkDepsFrom(services: {
  database: { db: Kysely<DB>; root: Kysely<DB> };
  community: { id: string };
  clock: Clock;
}): CorporateLinkDeps {
  return {
    db: services.database.db,
    root: services.database.root,
    communityId: services.community.id,
    clock: services.clock,
  };
}

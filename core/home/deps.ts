import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { CorporateLinkDeps } from "../corporate-links/deps.ts";
import type { SharedSource } from "../sharing/shared-from-communities.ts";
import type { Clock } from "../shared/clock.ts";
import type { FileStorage } from "../storage/port.ts";

/** What the home pages need: the union of what the capabilities they ask need (no more). */
export interface HomeDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  baseUrl: string;
  storage: FileStorage;
  /** For proposals from other communities (ADR 039); without it the home page lists none. */
  corporateLinks?: CorporateLinkDeps;
  /** What other communities shared with this one (ADR 038); without it the home pages list only its own posts. */
  shared?: SharedSource;
}

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

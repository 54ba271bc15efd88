import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { Auth } from "./create-auth.ts";

/** What account use cases need; passed in so tests run them against a real database. */
export interface AccountsDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  auth: Auth;
  baseUrl: string;
  onMailQueued?: () => void;
}

import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import type { AccountsDeps } from "../accounts/deps.ts";
import type { Clock } from "../shared/clock.ts";
import type { FileStorage } from "../storage/port.ts";

/** What a capability's demo loader gets. The actor is the operator at the command line. */
export interface DemoContext {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  accounts: AccountsDeps;
  actor: Actor;
  /** Where the demo's materials and attachments are put (the installation's file storage). */
  storage: FileStorage;
  log: (line: string) => void;
}

/**
 * One capability's part of the demo year (shared/spec/demo-year.md). Steps run in the order of
 * core/demo/steps.ts; a later step finds what an earlier one made by querying (e.g. an
 * organisation by name). A step must be safe to run twice: it skips what already exists.
 */
export interface DemoStep {
  name: string;
  run(context: DemoContext): Promise<void>;
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { FileStorage } from "../storage/port.ts";
import type { SharedSource } from "./shared-from-communities.ts";

/** What sharing and mailing use cases need; passed in so tests run them against a real database. */
export interface SharingDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Uploaded files (under `sharing/`): never under build/ or public/, only read back through a use case. */
  storage: FileStorage;
  baseUrl: string;
  /** Signs unsubscribe links (HMAC), so they need no table of tokens. */
  secret: string;
  /** The largest upload accepted (CHIIKI_MAX_UPLOAD_MB): a video may be this large. Default 2 GiB. */
  maxUploadBytes?: number;
  onMailQueued?: () => void;
  /**
   * The installation's database and this community, for reading what other communities shared
   * with it (core/sharing/shared-from-communities.ts, ADR 038); absent, only the community's own.
   */
  shared?: SharedSource;
}

/** The deps from a process's services (web layer, CLI, workers). */
export function sharingDepsFrom(services: {
  database: { db: Kysely<DB>; root?: Kysely<DB> };
  community?: { id: string };
  clock: Clock;
  env: { baseUrl: string; secret: string; maxUploadBytes?: number };
  storage: FileStorage;
  wakeOutbox?: () => void;
}): SharingDeps {
  return {
    db: services.database.db,
    clock: services.clock,
    storage: services.storage,
    baseUrl: services.env.baseUrl,
    secret: services.env.secret,
    maxUploadBytes: services.env.maxUploadBytes,
    onMailQueued: services.wakeOutbox,
    shared:
      services.database.root && services.community
        ? { root: services.database.root, communityId: services.community.id }
        : undefined,
  };
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/** What sharing and mailing use cases need; passed in so tests run them against a real database. */
export interface SharingDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Uploads live under `<dataDir>/uploads/sharing/`, never under build/ or public/. */
  dataDir: string;
  baseUrl: string;
  /** Signs unsubscribe links (HMAC), so they need no table of tokens. */
  secret: string;
  /** The largest upload accepted (CHIIKI_MAX_UPLOAD_MB): a video may be this large. Default 2 GiB. */
  maxUploadBytes?: number;
  onMailQueued?: () => void;
}

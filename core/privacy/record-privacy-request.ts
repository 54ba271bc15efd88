import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

export type PrivacyRequestKind = "export" | "erase" | "self-erase";

/** One line of the log of requests (the secretariat's privacy page), in the caller's transaction. */
export async function recordPrivacyRequest(
  db: Kysely<DB>,
  clock: Clock,
  request: { kind: PrivacyRequestKind; subjectRef: string; requestedBy: string; counts?: Record<string, number> },
): Promise<string> {
  const now = clock.now();
  const id = newId(now.getTime());
  await db
    .insertInto("privacy_requests")
    .values({
      id,
      kind: request.kind,
      state: "done",
      subject_ref: request.subjectRef,
      email_hash: null,
      token_hash: null,
      requested_by: request.requestedBy,
      requested_at: now.toISOString(),
      expires_at: null,
      completed_at: now.toISOString(),
      counts_json: request.counts ? JSON.stringify(request.counts) : null,
    })
    .execute();
  return id;
}

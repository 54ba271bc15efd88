import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, hasRole, isSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";

/**
 * The seminars a person may upload a talk material to, newest first: every one for the
 * secretariat, a speaker's own for a speaker; `forbidden` for anyone else.
 */
export async function listMaterialUploadEvents(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ id: string; title: string; starts_at: string }[]> {
  if (actor.kind !== "user") throw new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden");
  const secretariat = isSecretariat(actor);
  if (!secretariat && !hasRole(actor, "speaker")) throw new AppError("forbidden");
  let query = db.selectFrom("events").select(["id", "title", "starts_at"]).orderBy("starts_at", "desc");
  if (!secretariat) {
    const own = actor.grants.filter((g) => g.role === "speaker" && g.scopeId).map((g) => g.scopeId!);
    if (own.length === 0) return [];
    query = query.where("id", "in", own);
  }
  return query.execute();
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess, type Viewer } from "./decide-access.ts";
import { consentsOf, materialSubject, materialView, sharedMaterialsFor, type MaterialView } from "./materials.ts";
import type { SharedSource } from "./shared-from-communities.ts";

export interface VisibleMaterial extends MaterialView {
  canDownload: boolean;
}

/**
 * The talk materials a viewer may see (optionally of one event), newest first; with `shared`,
 * also those other communities shared with this one (ADR 038; not under one of this community's events).
 */
export async function listMaterials(
  db: Kysely<DB>,
  viewer: Viewer,
  filter: { eventId?: string } = {},
  shared?: SharedSource,
): Promise<VisibleMaterial[]> {
  let select = db.selectFrom("talk_materials").selectAll();
  if (filter.eventId) select = select.where("event_id", "=", filter.eventId);
  const rows = await select.orderBy("uploaded_at", "desc").orderBy("id", "desc").execute();
  const consents = await consentsOf(
    db,
    rows.map((r) => r.id),
  );
  const own = rows
    .filter((row) => decideAccess(viewer, materialSubject(row, consents.get(row.id)), "view").allowed)
    .map((row) => ({
      ...materialView(row, consents.get(row.id)),
      canDownload: decideAccess(viewer, materialSubject(row, consents.get(row.id)), "download").allowed,
    }));
  if (!shared || filter.eventId) return own;
  const others = (await sharedMaterialsFor(shared, viewer)).map((m) => ({
    ...materialView(m.row, m.consent, m.row.origin),
    canDownload: m.canDownload,
  }));
  if (others.length === 0) return own;
  return [...own, ...others].sort((a, b) =>
    a.uploadedAt !== b.uploadedAt ? (a.uploadedAt < b.uploadedAt ? 1 : -1) : a.id < b.id ? 1 : -1,
  );
}

/** One material, if the viewer may see it (with `shared`, one shared with this community too); otherwise not-found. */
export async function getMaterial(
  db: Kysely<DB>,
  viewer: Viewer,
  id: string,
  shared?: SharedSource,
): Promise<VisibleMaterial> {
  const row = await db.selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) {
    const [other] = shared ? await sharedMaterialsFor(shared, viewer, { id }) : [];
    if (!other) throw new AppError("not-found");
    return { ...materialView(other.row, other.consent, other.row.origin), canDownload: other.canDownload };
  }
  const consent = (await consentsOf(db, [id])).get(id);
  const subject = materialSubject(row, consent);
  if (!decideAccess(viewer, subject, "view").allowed) throw new AppError("not-found");
  return { ...materialView(row, consent), canDownload: decideAccess(viewer, subject, "download").allowed };
}

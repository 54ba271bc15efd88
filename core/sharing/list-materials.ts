import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess, type Viewer } from "./decide-access.ts";
import { consentsOf, materialSubject, materialView, type MaterialView } from "./materials.ts";

export interface VisibleMaterial extends MaterialView {
  canDownload: boolean;
}

/** The talk materials a viewer may see (optionally of one event), newest first. */
export async function listMaterials(
  db: Kysely<DB>,
  viewer: Viewer,
  filter: { eventId?: string } = {},
): Promise<VisibleMaterial[]> {
  let select = db.selectFrom("talk_materials").selectAll();
  if (filter.eventId) select = select.where("event_id", "=", filter.eventId);
  const rows = await select.orderBy("uploaded_at", "desc").orderBy("id", "desc").execute();
  const consents = await consentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .filter((row) => decideAccess(viewer, materialSubject(row, consents.get(row.id)), "view").allowed)
    .map((row) => ({
      ...materialView(row, consents.get(row.id)),
      canDownload: decideAccess(viewer, materialSubject(row, consents.get(row.id)), "download").allowed,
    }));
}

/** One material, if the viewer may see it; otherwise not-found. */
export async function getMaterial(db: Kysely<DB>, viewer: Viewer, id: string): Promise<VisibleMaterial> {
  const row = await db.selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const consent = (await consentsOf(db, [id])).get(id);
  const subject = materialSubject(row, consent);
  if (!decideAccess(viewer, subject, "view").allowed) throw new AppError("not-found");
  return { ...materialView(row, consent), canDownload: decideAccess(viewer, subject, "download").allowed };
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { getMaterial, type VisibleMaterial } from "./list-materials.ts";
import { listDownloads } from "./list-downloads.ts";
import { loadViewer } from "./load-viewer.ts";
import type { SharedSource } from "./shared-from-communities.ts";

/** How many downloads of one material its page lists. */
export const MATERIAL_PAGE_DOWNLOADS = 50;

/**
 * A talk material's page: the material if the caller may see it (else `not-found`); for the
 * secretariat also the speaker's consent decisions (newest first) and who downloaded it. A
 * material another community shared (ADR 038) is shown as to a member: its consent is the
 * publisher's to ask for, its history the publisher's.
 */
export async function getMaterialOverview(db: Kysely<DB>, actor: Actor, materialId: string, shared?: SharedSource) {
  const viewer = await loadViewer(db, actor);
  const material: VisibleMaterial = await getMaterial(db, viewer, materialId, shared);
  if (!viewer.secretariat || material.sharedBy) return { material, secretariat: false, history: [], downloads: [] };
  const history = await db
    .selectFrom("material_consents")
    .selectAll()
    .where("material_id", "=", materialId)
    .orderBy("decided_at", "desc")
    .execute();
  const downloads = await listDownloads(db, actor, { subjectId: materialId, limit: MATERIAL_PAGE_DOWNLOADS });
  return { material, secretariat: true, history, downloads };
}

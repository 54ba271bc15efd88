/**
 * Viewing a document material as stamped page images: how view-only material is seen (the file
 * itself never leaves the server) and how a downloadable one is previewed. Each viewing is logged
 * like a download (mode "view"): the viewer page logs its opening; a page image logs too unless the
 * same person's viewing of that material was logged in the last half hour (the public's images
 * always log), so an image fetched without the page is still on record and an ordinary viewing
 * is one row, not one per page.
 */
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "./deps.ts";
import type { SharingViewer } from "./load-viewer.ts";
import { findViewableMaterial, stampFor } from "./open-material.ts";
import { recordDownload, viewLoggedSince } from "./record-download.ts";
import { pdfPageSizes } from "../shared/pdf-document.ts";
import { renderPdfPage } from "./render-pdf-page.ts";
import { readStoredFile } from "./store-upload.ts";

const VIEW_LOG_WINDOW_MS = 30 * 60 * 1000;

export interface MaterialPages {
  id: string;
  title: string;
  canDownload: boolean;
  /** false for a document that cannot be shown as pages (slides as PPTX): the page says so. */
  viewable: boolean;
  pages: { number: number; width: number; height: number }[];
}

export async function listMaterialPages(
  deps: Pick<SharingDeps, "db" | "clock" | "storage" | "shared">,
  actor: Actor,
  viewer: SharingViewer,
  id: string,
): Promise<MaterialPages> {
  const material = await findViewableMaterial(deps, viewer, id);
  const { row } = material;
  if (row.kind === "video") throw new AppError("not-found");
  const base = { id: row.id, title: row.title, canDownload: material.canDownload };
  if (row.content_type !== "application/pdf") return { ...base, viewable: false, pages: [] };
  const sizes = await pdfPageSizes(await readStoredFile(deps.storage, material.row.storage_key));
  await recordDownload(deps.db, deps.clock, actor, viewer, {
    subjectType: "material",
    subjectId: id,
    mode: "view",
    label: material.label,
  });
  return { ...base, viewable: true, pages: sizes.map((size, index) => ({ number: index + 1, ...size })) };
}

/** Page `number` of a PDF material as a PNG stamped for this viewer. */
export async function renderMaterialPage(
  deps: Pick<SharingDeps, "db" | "clock" | "storage" | "shared">,
  actor: Actor,
  viewer: SharingViewer,
  id: string,
  number: number,
): Promise<Buffer> {
  const material = await findViewableMaterial(deps, viewer, id);
  if (material.row.content_type !== "application/pdf") throw new AppError("not-found");
  const png = await renderPdfPage(
    await readStoredFile(deps.storage, material.row.storage_key),
    number,
    stampFor(viewer, material.label, deps.clock.now()),
  );
  const since = new Date(deps.clock.now().getTime() - VIEW_LOG_WINDOW_MS);
  if (!viewer.userId || !(await viewLoggedSince(deps.db, { userId: viewer.userId, subjectId: id, since }))) {
    await recordDownload(deps.db, deps.clock, actor, viewer, {
      subjectType: "material",
      subjectId: id,
      mode: "view",
      label: material.label,
    });
  }
  return png;
}

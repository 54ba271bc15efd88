import { readFile, stat } from "node:fs/promises";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import { formatJapanDateTime } from "./format.ts";
import type { SharingViewer } from "./load-viewer.ts";
import { consentsOf, materialSubject, type ConsentView } from "./materials.ts";
import { recordDownload } from "./record-download.ts";
import { stampPdf } from "./stamp-pdf.ts";
import { resolveStorageKey } from "./store-upload.ts";

const scopeLabels: Record<string, string> = { organisers: "主催者限り", attendees: "参加者限り", members: "会員限り", public: "公開" };

/** The label printed on a material: its consent's audience (talk materials carry no TLP). */
export function materialLabel(consent: ConsentView | undefined): string {
  return consent && !consent.withdrawnAt ? scopeLabels[consent.scope]! : scopeLabels.organisers!;
}

/**
 * Opens a material, decided per request. `download` hands out the file (a PDF stamped with the
 * downloader); `view` shows it inline — a PDF in the preview, a video streamed by range. Every
 * opening with `log` set is recorded (a stream logs its first range only, not every chunk).
 */
export async function openMaterial(
  deps: Pick<SharingDeps, "db" | "clock" | "dataDir">,
  actor: Actor,
  viewer: SharingViewer,
  id: string,
  mode: "download" | "view",
  options: { log: boolean; stamp: boolean },
): Promise<{ path: string; bytes: Uint8Array | null; sizeBytes: number; contentType: string; fileName: string; kind: string }> {
  const row = await deps.db.selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const consent = (await consentsOf(deps.db, [id])).get(id);
  const subject = materialSubject(row, consent);
  if (!decideAccess(viewer, subject, "view").allowed) throw new AppError("not-found");
  if (mode === "download" && !decideAccess(viewer, subject, "download").allowed) throw new AppError("forbidden");
  const path = resolveStorageKey(deps.dataDir, row.storage_key);
  const label = materialLabel(consent);
  let bytes: Uint8Array | null = null;
  if (options.stamp && row.content_type === "application/pdf") {
    bytes = await stampPdf(await readFile(path), { label, downloader: viewer.name || "匿名（公開）", organisation: viewer.organisationName, at: formatJapanDateTime(deps.clock.now()) });
  }
  if (options.log) await recordDownload(deps.db, deps.clock, actor, viewer, { subjectType: "material", subjectId: id, mode, label });
  return { path, bytes, sizeBytes: bytes ? bytes.byteLength : (await stat(path)).size, contentType: row.content_type, fileName: row.file_name, kind: row.kind };
}

import type { Readable } from "node:stream";
import type { Actor } from "../accounts/actor.ts";
import type { Row } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import { formatJapanDateTime } from "./format.ts";
import type { SharingViewer } from "./load-viewer.ts";
import { consentsOf, materialSubject, sharedMaterialsFor, type ConsentView } from "./materials.ts";
import { recordDownload } from "./record-download.ts";
import { stampPdf, type PdfStamp } from "./stamp-pdf.ts";
import type { ByteRange } from "../storage/port.ts";
import { readStoredFile, sharingKey } from "./store-upload.ts";

const scopeLabels: Record<string, string> = {
  organisers: "主催者限り",
  attendees: "参加者限り",
  members: "会員限り",
  public: "公開",
};

/** The label printed on a material: its consent's audience (talk materials carry no TLP). */
export function materialLabel(consent: ConsentView | undefined): string {
  return consent && !consent.withdrawnAt ? scopeLabels[consent.scope]! : scopeLabels.organisers!;
}

/** What the stamp on a copy or page image says about the person it was made for. */
export function stampFor(viewer: SharingViewer, label: string, now: Date): PdfStamp {
  return {
    label,
    downloader: viewer.name || "匿名（公開）",
    organisation: viewer.organisationName,
    at: formatJapanDateTime(now),
  };
}

export interface OpenedMaterial {
  row: Row<"talk_materials">;
  consent: ConsentView | undefined;
  label: string;
  /** The viewer may take the file away (a stamped copy); otherwise it is view only. */
  canDownload: boolean;
}

/**
 * A material the viewer may see, or not-found (its existence is not revealed). Decided on every
 * request: a withdrawn consent closes it at once. One another community shared with this one
 * (ADR 038) is found too, decided for this viewer as a member; its viewing and downloads are
 * stamped and logged in this community, as its own are.
 */
export async function findViewableMaterial(
  deps: Pick<SharingDeps, "db" | "shared">,
  viewer: SharingViewer,
  id: string,
): Promise<OpenedMaterial> {
  const row = await deps.db.selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) {
    const [other] = deps.shared ? await sharedMaterialsFor(deps.shared, viewer, { id }) : [];
    if (!other) throw new AppError("not-found");
    return {
      row: other.row,
      consent: other.consent,
      label: materialLabel(other.consent),
      canDownload: other.canDownload,
    };
  }
  const consent = (await consentsOf(deps.db, [id])).get(id);
  const subject = materialSubject(row, consent);
  if (!decideAccess(viewer, subject, "view").allowed) throw new AppError("not-found");
  return {
    row,
    consent,
    label: materialLabel(consent),
    canDownload: decideAccess(viewer, subject, "download").allowed,
  };
}

export type MaterialFile =
  | {
      kind: "stream";
      sizeBytes: number;
      contentType: string;
      fileName: string;
      /** The recording, or the bytes of one range of it, from the file storage. */
      read(range?: ByteRange): Promise<Readable>;
    }
  | { kind: "download"; bytes: Uint8Array; contentType: string; fileName: string };

/**
 * The file route's answer. A recording is streamed to the page's player (by range, never as an
 * attachment: streaming is how a recording is viewed, and no recording is a download); a document
 * is handed out only where the speaker allowed downloads, as a copy stamped with the downloader.
 * View-only documents never leave the server: they are seen as page images (renderMaterialPage).
 * A stream logs its first range only (`log`), not every chunk; a download always logs.
 */
export async function openMaterialFile(
  deps: Pick<SharingDeps, "db" | "clock" | "storage" | "shared">,
  actor: Actor,
  viewer: SharingViewer,
  id: string,
  options: { log: boolean },
): Promise<MaterialFile> {
  const material = await findViewableMaterial(deps, viewer, id);
  const { row, label } = material;
  if (row.kind === "video") {
    if (options.log)
      await recordDownload(deps.db, deps.clock, actor, viewer, {
        subjectType: "material",
        subjectId: id,
        mode: "view",
        label,
      });
    const key = sharingKey(row.storage_key);
    const stored = await deps.storage.head(key);
    if (!stored) throw new AppError("file-unreadable", { message: `stored file missing: ${key}` });
    return {
      kind: "stream",
      sizeBytes: stored.size,
      read: (range) => deps.storage.get(key, range),
      contentType: row.content_type,
      fileName: row.file_name,
    };
  }
  if (!material.canDownload) throw new AppError("view-only");
  let bytes: Uint8Array = await readStoredFile(deps.storage, row.storage_key);
  if (row.content_type === "application/pdf")
    bytes = await stampStoredPdf(bytes, stampFor(viewer, label, deps.clock.now()));
  await recordDownload(deps.db, deps.clock, actor, viewer, {
    subjectType: "material",
    subjectId: id,
    mode: "download",
    label,
  });
  return { kind: "download", bytes, contentType: row.content_type, fileName: row.file_name };
}

/**
 * Stamps a stored PDF; one that no longer opens (stored before uploads were checked) is
 * file-unreadable, not a crash.
 */
export async function stampStoredPdf(bytes: Uint8Array, stamp: PdfStamp): Promise<Uint8Array> {
  try {
    return await stampPdf(bytes, stamp);
  } catch (error) {
    throw new AppError("file-unreadable", { cause: error });
  }
}

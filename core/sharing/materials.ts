/** What a talk material is, shared by the material use cases. */
import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import {
  decideAccess,
  type ConsentMedium,
  type ConsentRight,
  type ConsentScope,
  consentMedia,
  consentRights,
  type MaterialSubject,
  type Viewer,
} from "./decide-access.ts";
import {
  sharedConsentRows,
  sharedMaterialRows,
  type SharedMaterialRow,
  type SharedOrigin,
  type SharedSource,
} from "./shared-from-communities.ts";

export const materialKinds = ["slides", "pdf", "video"] as const;
export type MaterialKind = (typeof materialKinds)[number];

/** What a material is for the speaker's consent: a document is slides, a video a recording. */
export function mediumOf(kind: string): ConsentMedium {
  return kind === "video" ? "recording" : "slides";
}

export interface ConsentView {
  scope: ConsentScope;
  /** the group a `group` consent names, and its name (gone if the group was removed) */
  groupId: string | null;
  groupName: string | null;
  rights: ConsentRight[];
  media: ConsentMedium[];
  downloadAllowed: boolean;
  decidedAt: string;
  withdrawnAt: string | null;
}

export interface MaterialView {
  id: string;
  eventId: string | null;
  sessionId: string | null;
  title: string;
  kind: MaterialKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  speakerName: string;
  uploadedAt: string;
  /** pending: never asked or not yet answered; granted; withdrawn */
  consentState: "pending" | "granted" | "withdrawn";
  consent: ConsentView | null;
  /** The community that published it, when another community shared it with this one (ADR 038). */
  sharedBy: SharedOrigin | null;
}

/** The consent in force is the newest one; if it was withdrawn, none is. */
export async function consentsOf(db: Kysely<DB>, materialIds: string[]): Promise<Map<string, ConsentView>> {
  if (materialIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("material_consents")
    .leftJoin("groups", "groups.id", "material_consents.group_id")
    .selectAll("material_consents")
    .select("groups.name as group_name")
    .where("material_id", "in", materialIds)
    .orderBy("decided_at")
    .orderBy("material_consents.id")
    .execute();
  return latestConsents(rows);
}

/** The newest consent of each material, from its consent rows in the order they were decided. */
export function latestConsents(
  rows: readonly (Row<"material_consents"> & { group_name: string | null })[],
): Map<string, ConsentView> {
  const latest = new Map<string, ConsentView>();
  for (const r of rows) {
    latest.set(r.material_id, {
      scope: r.scope as ConsentScope,
      groupId: r.group_id,
      groupName: r.group_name ?? null,
      rights: listOf(r.rights, consentRights),
      media: listOf(r.media, consentMedia),
      downloadAllowed: r.download_allowed === 1,
      decidedAt: r.decided_at,
      withdrawnAt: r.withdrawn_at,
    });
  }
  return latest;
}

/** A stored JSON list, keeping only the known values (a hand-edited row cannot grant more). */
function listOf<T extends string>(json: string, known: readonly T[]): T[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? known.filter((k) => parsed.includes(k)) : [];
  } catch {
    return [];
  }
}

export function materialView(
  row: Row<"talk_materials">,
  consent: ConsentView | undefined,
  sharedBy: SharedOrigin | null = null,
): MaterialView {
  return {
    id: row.id,
    eventId: row.event_id,
    sessionId: row.session_id,
    title: row.title,
    kind: row.kind as MaterialKind,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    speakerName: row.speaker_name,
    uploadedAt: row.uploaded_at,
    consentState: !consent ? "pending" : consent.withdrawnAt ? "withdrawn" : "granted",
    consent: consent ?? null,
    sharedBy,
  };
}

export function materialSubject(
  row: Pick<Row<"talk_materials">, "event_id" | "kind" | "speaker_email">,
  consent: ConsentView | undefined,
): MaterialSubject {
  return {
    type: "material",
    eventId: row.event_id,
    mediaKind: row.kind === "video" ? "video" : "document",
    medium: mediumOf(row.kind),
    speakerEmail: row.speaker_email,
    consent: consent
      ? {
          scope: consent.scope,
          groupId: consent.groupId,
          rights: consent.rights,
          media: consent.media,
          downloadAllowed: consent.downloadAllowed,
          withdrawn: consent.withdrawnAt !== null,
        }
      : null,
  };
}

/**
 * Who a viewer is for a material another community shared: the same member, but never its
 * organisers — the organisers a speaker's consent trusts (to see it unconsented, to download a
 * view-only file) are the publisher's, so this community's secretariat counts as a member here.
 */
export function guestViewer<V extends Viewer>(viewer: V): V {
  return { ...viewer, secretariat: false };
}

export interface SharedMaterial {
  row: SharedMaterialRow;
  consent: ConsentView | undefined;
  subject: MaterialSubject;
  /** decideAccess for the guest viewer: view and download */
  canView: boolean;
  canDownload: boolean;
}

/** The materials other communities shared with this one (optionally one), decided for this viewer. */
export async function sharedMaterialsFor(
  source: SharedSource,
  viewer: Viewer,
  filter: { id?: string } = {},
): Promise<SharedMaterial[]> {
  const rows = await sharedMaterialRows(source, filter);
  const consents = latestConsents(await sharedConsentRows(source, rows));
  const guest = guestViewer(viewer);
  return rows
    .map((row) => {
      const consent = consents.get(row.id);
      const subject = materialSubject(row, consent);
      return {
        row,
        consent,
        subject,
        canView: decideAccess(guest, subject, "view").allowed,
        canDownload: decideAccess(guest, subject, "download").allowed,
      };
    })
    .filter((m) => m.canView);
}

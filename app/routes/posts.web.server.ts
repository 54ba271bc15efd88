/**
 * Web helpers shared by the sharing and mailing routes: the use cases' dependencies, the viewer
 * of the request, and file responses (downloads, inline previews, ranged video streams).
 */
import { Readable } from "node:stream";
import parseRangeHeader from "range-parser";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listAudienceChoices } from "#core/sharing/list-audience-choices.ts";
import { loadViewer, type SharingViewer } from "#core/sharing/load-viewer.ts";
import type { RequestState } from "../context.ts";
import { formInput } from "../lib/form.server.ts";

export function viewerOf(state: RequestState): Promise<SharingViewer> {
  return loadViewer(state.services.database.db, state.actor);
}

/** What other communities shared with the request's community, for the lists, pages and feeds that show it (ADR 038). */
export function sharedOf(state: Pick<RequestState, "services">) {
  return sharingDepsFrom(state.services).shared;
}

/**
 * An inline file may be framed by our own pages (the PDF preview) and may show the browser's own
 * PDF viewer (a plugin, hence object-src 'self'); nothing else is allowed to run in it.
 */
const INLINE_FILE_POLICY =
  "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

function disposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function fileResponse(
  file: { bytes: Uint8Array; contentType: string; fileName: string },
  kind: "inline" | "attachment",
): Response {
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Length": String(file.bytes.byteLength),
    "Content-Disposition": disposition(kind, file.fileName),
    // Stamped per person: never cached by a shared cache, nor kept by the browser.
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (kind === "inline") {
    headers.set("Content-Security-Policy", INLINE_FILE_POLICY);
    headers.set("X-Frame-Options", "SAMEORIGIN");
  }
  return new Response(file.bytes as BodyInit, { headers });
}

/**
 * The one byte range a `Range` header asks for (range-parser, overlapping and adjacent ranges
 * combined): `null` serves the whole file (200), "unsatisfiable" answers 416. As RFC 9110 §14.2
 * allows, a header we do not serve is ignored rather than refused: another unit than bytes (which
 * the RFC requires us to ignore) and several separate ranges (we write no multipart/byteranges;
 * the whole file answers them all). A header without `=` or whose ranges are all invalid or past
 * the end is 416, as before. range-parser 1.2.1 refuses a suffix longer than the file
 * (`bytes=-500` of 100 bytes); the RFC says it means the whole file, and so it does here
 * (fixed upstream in jshttp/range-parser#66; drop the clamp when that release is installed).
 */
export function byteRange(
  header: string | null,
  size: number,
): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const eq = header.indexOf("=");
  if (eq !== -1 && header.slice(0, eq).trim().toLowerCase() !== "bytes") return null;
  const specs = eq === -1 ? [] : header.slice(eq + 1).split(",");
  if (size > 0 && specs.some((spec) => /^\s*-\s*\d+\s*$/.test(spec) && Number(spec.replace(/[\s-]/g, "")) >= size)) {
    return { start: 0, end: size - 1 };
  }
  const ranges = parseRangeHeader(size, `bytes=${header.slice(eq + 1)}`, { combine: true });
  if (eq === -1 || ranges === -1 || ranges === -2) return "unsatisfiable";
  return ranges.length === 1 ? { start: ranges[0]!.start, end: ranges[0]!.end } : null;
}

/**
 * A video (or other large file) streamed from the file storage, answering range requests with 206:
 * only the range asked for is read (a ranged GET on a bucket), and nothing for HEAD.
 */
export async function streamResponse(
  request: Request,
  file: {
    sizeBytes: number;
    contentType: string;
    fileName: string;
    read(range?: { start: number; end: number }): Promise<Readable>;
  },
): Promise<Response> {
  const range = byteRange(request.headers.get("range"), file.sizeBytes);
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Accept-Ranges": "bytes",
    "Content-Disposition": disposition("inline", file.fileName),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": INLINE_FILE_POLICY,
    "X-Frame-Options": "SAMEORIGIN",
  });
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${file.sizeBytes}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: file.sizeBytes - 1 };
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${file.sizeBytes}`);
  const status = range ? 206 : 200;
  if (request.method === "HEAD") return new Response(null, { status, headers });
  const stream = await file.read(range ?? undefined);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}

/** The choices the post form offers for AMBER (organisations) and RED (people). */
export function postFormChoices(state: RequestState) {
  return listAudienceChoices(state.services.database.db, state.actor);
}

/** A post form's fields as the use case's input (multi-selects become the audience lists). */
export function postInputFromForm(form: FormData) {
  const { audienceOrganisations, audiencePeople, severity, ...fields } = formInput(form, {
    many: ["audienceOrganisations", "audiencePeople"],
  });
  return {
    ...fields,
    severity: severity || null,
    audience: { organisations: audienceOrganisations, people: audiencePeople },
  };
}

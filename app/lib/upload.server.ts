/**
 * Receiving a form with a large file (a seminar's recording can be gigabytes). The multipart body
 * is parsed as it arrives (busboy) and the file is written straight to a temporary file under
 * `<dataDir>/upload-tmp/`, counted against the configured limit (CHIIKI_MAX_UPLOAD_MB); nothing
 * holds the whole file in memory. The use case then checks the file by its content and moves it
 * into its store; whatever it does not take is deleted here, whatever happens.
 *
 * server/http.ts lets only the routes that use this past its small body limit (STREAMED_UPLOADS).
 * The table imports use it too, with their own smaller limit, so that a file over it comes back as
 * the import page with the limit named instead of the server's bare 413.
 *
 *   export const action = ({ context, request }) =>
 *     receiveUploadForm(stateOf(context), request, "file", async (form, file) => { … });
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { fileLimits, importFileTooLarge } from "#core/files/limits.ts";
import { AppError } from "#core/shared/errors.ts";
import { uploadTempDir } from "#core/sharing/store-upload.ts";
import type { RequestState } from "../context.ts";
import { runForm } from "./http.server.ts";

/** A file the request carried, now on disk; the use case moves it away or it is deleted. */
export interface ReceivedFile {
  name: string;
  path: string;
  sizeBytes: number;
}

export interface ReceivedForm {
  /** The text fields (a file field's value is left out). */
  fields: FormData;
  file: ReceivedFile | null;
  /** Why the form could not be taken (too large, not a form), with the fields read until then. */
  error: AppError | null;
  /** Deletes the temporary file if the use case did not move it. */
  discard(): Promise<void>;
}

/** Room for the text fields and the multipart framing on top of the file itself. */
const FIELDS_ALLOWANCE = 256 * 1024;
/** One text field's limit unless a route asks for more (the survey import sends its content back). */
const FIELD_BYTES = 64 * 1024;

export interface UploadOptions {
  fileField: string;
  tempDir: string;
  maxFileBytes: number;
  /** Each text field's limit (default 64 KB); all of them together may hold this plus 256 KB. */
  maxFieldBytes?: number;
  /** The refusal of a body over the limits (default: "too large", naming maxFileBytes in MB). */
  tooLarge?: () => AppError;
}
const STALE_MS = 24 * 60 * 60_000;

function tooLarge(field: string, maxBytes: number): AppError {
  return new AppError("payload-too-large", {
    fields: [{ field, code: "sharing-file-too-large", params: { max: Math.floor(maxBytes / 1024 / 1024) } }],
    params: { max: Math.floor(maxBytes / 1024 / 1024) },
  });
}

/**
 * Reads a multipart (or url-encoded) form from the request, streaming the file named `fileField`
 * to disk. Answers as soon as the limit is passed (the rest of the body is read and dropped, so the
 * client gets the answer); a declared Content-Length over the limit is refused before reading.
 */
export async function receiveUpload(request: Request, options: UploadOptions): Promise<ReceivedForm> {
  const maxFieldBytes = options.maxFieldBytes ?? FIELD_BYTES;
  const refusal = options.tooLarge ?? (() => tooLarge(options.fileField, options.maxFileBytes));
  const fields = new FormData();
  let tempPath: string | null = null;
  const discard = async () => {
    if (tempPath) await rm(tempPath, { force: true });
  };
  const result = (file: ReceivedFile | null, error: AppError | null): ReceivedForm => ({
    fields,
    file,
    error,
    discard,
  });

  const declared = Number(request.headers.get("content-length") ?? NaN);
  const fieldsAllowance = FIELDS_ALLOWANCE + (maxFieldBytes > FIELD_BYTES ? maxFieldBytes : 0);
  if (Number.isFinite(declared) && declared > options.maxFileBytes + fieldsAllowance) return result(null, refusal());
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    return result(null, new AppError("bad-request", { message: "expected a form" }));
  }

  await mkdir(options.tempDir, { recursive: true });
  void sweepStaleUploads(options.tempDir);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as raw UTF-8 (録画.mp4), not the latin1 busboy assumes.
      defParamCharset: "utf8",
      limits: { files: 5, fileSize: options.maxFileBytes, fields: 100, fieldSize: maxFieldBytes, parts: 105 },
    });
  } catch {
    return result(null, new AppError("bad-request", { message: "malformed multipart form" }));
  }

  return new Promise<ReceivedForm>((resolve) => {
    let settled = false;
    const settle = (value: ReceivedForm) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    let file: ReceivedFile | null = null;
    let writing: Promise<void> = Promise.resolve();
    let exceeded = false;
    let diskFailed = false;
    let fieldBytes = 0;

    parser.on("field", (name, value, info) => {
      // Together the fields stay within their allowance: memory holds them.
      fieldBytes += name.length + value.length;
      if (fieldBytes > fieldsAllowance) {
        exceeded = true;
        settle(result(null, refusal()));
      }
      // As the buffered path refuses it (server/web-exchange.ts): no NUL reaches a query.
      if (name.includes("\0") || value.includes("\0")) {
        exceeded = true;
        settle(result(null, new AppError("bad-request", { message: "malformed form" })));
      }
      if (!info.valueTruncated && !exceeded) fields.append(name, value);
    });
    parser.on("file", (name, stream, info) => {
      // Another field's file, or none chosen (browsers send an empty part): read and dropped.
      if (name !== options.fileField || file || !info.filename) {
        stream.resume();
        return;
      }
      const target = path.join(options.tempDir, `${randomUUID()}.part`);
      tempPath = target;
      const received: ReceivedFile = { name: info.filename, path: target, sizeBytes: 0 };
      file = received;
      stream.on("limit", () => {
        exceeded = true;
        // Answer now; the rest of the body is still read (and dropped) so the client gets it.
        settle(result(null, refusal()));
      });
      const out = createWriteStream(target, { flags: "wx" });
      out.on("error", () => (diskFailed = true));
      writing = pipeline(stream, out).then(async () => {
        if (exceeded) await rm(target, { force: true });
        else received.sizeBytes = (await stat(target)).size;
      });
    });

    const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
    pipeline(body, parser)
      .then(() => writing)
      .then(() => settle(result(exceeded ? null : file, exceeded ? refusal() : null)))
      .catch(async () => {
        // A broken or abandoned body is the client's doing; a file that could not be written is ours.
        await writing.catch(() => {});
        await discard();
        settle(
          result(
            null,
            diskFailed
              ? new AppError("internal", { message: "the upload could not be written" })
              : new AppError("bad-request", { message: "the form could not be read" }),
          ),
        );
      })
      .finally(async () => {
        // Settled early (limit): the file stream was cut short; make sure nothing is left.
        if (exceeded) {
          await writing.catch(() => {});
          await discard();
        }
      });
  });
}

/** Temporary files older than a day were left by a process that died mid-upload. */
let lastSweep = 0;
async function sweepStaleUploads(dir: string): Promise<void> {
  if (Date.now() - lastSweep < 60 * 60_000) return;
  lastSweep = Date.now();
  try {
    for (const name of await readdir(dir)) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(file, { force: true });
    }
  } catch {
    // Best effort: the next sweep tries again.
  }
}

/**
 * A page's upload form: receives the form (file streamed to disk, CHIIKI_MAX_UPLOAD_MB unless
 * `limits` says otherwise), runs the use case as runForm does — an AppError, including "too large"
 * (413), becomes the form's messages — and deletes the temporary file unless the use case moved it
 * into its store.
 */
export async function receiveUploadForm<T>(
  state: RequestState,
  request: Request,
  fileField: string,
  run: (form: FormData, file: ReceivedFile | null) => Promise<T>,
  limits: Pick<UploadOptions, "maxFileBytes" | "maxFieldBytes" | "tooLarge"> = {
    maxFileBytes: state.services.env.maxUploadBytes,
  },
) {
  const received = await receiveUpload(request, {
    ...limits,
    fileField,
    tempDir: uploadTempDir(state.services.env.dataDir),
  });
  try {
    return await runForm(state, received.fields, async () => {
      if (received.error) throw received.error;
      return run(received.fields, received.file);
    });
  } finally {
    await received.discard();
  }
}

/**
 * A table import's form (registry, survey answers): the file is received as an upload is, but
 * against the import limit (`fileLimits.fileBytes`), so a file over it is answered by the import
 * page itself (413, "上限 10 MB") instead of the server's bare 413; `run` gets its bytes.
 * `maxFieldBytes`: room for a text field as large as the file (the survey import's confirmation
 * sends the content back).
 */
export function receiveImportForm<T>(
  state: RequestState,
  request: Request,
  run: (form: FormData, file: { name: string; bytes: Uint8Array<ArrayBuffer> } | null) => Promise<T>,
  options: { maxFieldBytes?: number } = {},
) {
  return receiveUploadForm(
    state,
    request,
    "file",
    async (form, file) => (file ? run(form, { name: file.name, bytes: await readFile(file.path) }) : run(form, null)),
    { maxFileBytes: fileLimits.fileBytes, tooLarge: () => importFileTooLarge("file"), ...options },
  );
}

/**
 * A registry import in two steps (people and organisations, security posture): a file is
 * previewed, nothing stored, and the preview's form sends `intent` with the preview's token to
 * write it. A preview without a file (or an empty one) is the field error "required". The file is
 * counted as it arrives (`receiveImportForm`): one over the import limit comes back as the page, the
 * limit named.
 */
export function receivePreviewOrWrite<T>(
  state: RequestState,
  request: Request,
  steps: {
    intent: string;
    write: (token: string) => Promise<T>;
    preview: (form: FormData, bytes: Uint8Array<ArrayBuffer>) => Promise<T>;
  },
) {
  return receiveImportForm(state, request, async (form, file) => {
    if (form.get("intent") === steps.intent) return steps.write(String(form.get("token") ?? ""));
    if (!file || file.bytes.length === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    return steps.preview(form, file.bytes);
  });
}

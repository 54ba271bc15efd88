/**
 * Receiving an upload form: the file goes to disk as it arrives and is counted against the limit;
 * too large, broken or empty forms are told apart; no temporary file outlives the request.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileLimits } from "#core/files/limits.ts";
import type { RequestState } from "../context.ts";
import type { FormFailure } from "./http.server.ts";
import { receiveImportForm, receiveUpload } from "./upload.server.ts";

const MB = 1024 * 1024;
const BOUNDARY = "----chiikiTestBoundary7MA4YWxkTrZu0gW";
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-upload-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A deterministic byte pattern, produced in chunks so the test never holds the whole file either. */
function patternChunk(offset: number, length: number): Uint8Array {
  const chunk = new Uint8Array(length);
  for (let i = 0; i < length; i++) chunk[i] = ((offset + i) * 31) % 251;
  return chunk;
}

type Part = { name: string; value: string } | { name: string; filename: string; size: number };

/** A multipart body as a stream (chunked, no length), with how many bytes were pulled from it. */
function multipart(parts: Part[], options: { chunk?: number } = {}) {
  const encoder = new TextEncoder();
  const pieces: (Uint8Array | { size: number })[] = [];
  for (const part of parts) {
    if ("value" in part) {
      pieces.push(
        encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      pieces.push(
        encoder.encode(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: video/mp4\r\n\r\n`,
        ),
      );
      pieces.push({ size: part.size });
      pieces.push(encoder.encode("\r\n"));
    }
  }
  pieces.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const length = pieces.reduce((n, p) => n + (p instanceof Uint8Array ? p.byteLength : p.size), 0);
  const state = { pulled: 0 };
  const chunkSize = options.chunk ?? 256 * 1024;
  let index = 0;
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index];
      if (!piece) return controller.close();
      if (piece instanceof Uint8Array) {
        index++;
        state.pulled += piece.byteLength;
        return controller.enqueue(piece);
      }
      const n = Math.min(chunkSize, piece.size - offset);
      controller.enqueue(patternChunk(offset, n));
      state.pulled += n;
      offset += n;
      if (offset >= piece.size) {
        index++;
        offset = 0;
      }
    },
  });
  return { stream, length, state };
}

function request(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request("http://chiiki.test/materials/new", {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
  } as RequestInit);
}

function sha256OfPattern(size: number): string {
  const hash = createHash("sha256");
  for (let offset = 0; offset < size; offset += MB) hash.update(patternChunk(offset, Math.min(MB, size - offset)));
  return hash.digest("hex");
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("receiveUpload", () => {
  it("writes the file to the temporary directory as it arrives, with the fields beside it", async () => {
    const tempDir = freshDir();
    const size = 12 * MB + 123;
    const body = multipart([
      { name: "title", value: "セミナー録画" },
      { name: "file", filename: "録画.mp4", size },
      { name: "speakerName", value: "講師" },
    ]);
    const received = await receiveUpload(request(body.stream), { fileField: "file", tempDir, maxFileBytes: 20 * MB });
    expect(received.error).toBeNull();
    expect(received.fields.get("title")).toBe("セミナー録画");
    expect(received.fields.get("speakerName")).toBe("講師");
    expect(received.file).toMatchObject({ name: "録画.mp4", sizeBytes: size });
    expect(path.dirname(received.file!.path)).toBe(tempDir);
    expect(createHash("sha256").update(readFileSync(received.file!.path)).digest("hex")).toBe(sha256OfPattern(size));
    await received.discard();
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it("stops at the limit with a 413 for the file field, and leaves no partial file behind", async () => {
    const tempDir = freshDir();
    const body = multipart([
      { name: "title", value: "大きすぎる録画" },
      { name: "file", filename: "big.mp4", size: 3 * MB },
    ]);
    const received = await receiveUpload(request(body.stream), { fileField: "file", tempDir, maxFileBytes: 1 * MB });
    expect(received.file).toBeNull();
    expect(received.error).toMatchObject({
      code: "payload-too-large",
      status: 413,
      fields: [{ field: "file", code: "sharing-file-too-large", params: { max: 1 } }],
    });
    expect(received.fields.get("title")).toBe("大きすぎる録画");
    // The rest of the body is read and dropped (so the client hears the answer); the partial file goes.
    await until(() => body.state.pulled === body.length && readdirSync(tempDir).length === 0);
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    const tempDir = freshDir();
    const body = multipart([{ name: "file", filename: "big.mp4", size: 3 * MB }]);
    const received = await receiveUpload(request(body.stream, { "content-length": String(body.length) }), {
      fileField: "file",
      tempDir,
      maxFileBytes: 1 * MB,
    });
    expect(received.error).toMatchObject({ code: "payload-too-large" });
    expect(body.state.pulled).toBeLessThan(256 * 1024);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it("treats an empty file input as no file, and ignores files under other names and a second file", async () => {
    const tempDir = freshDir();
    const empty = await receiveUpload(
      request(
        multipart([
          { name: "title", value: "x" },
          { name: "file", filename: "", size: 0 },
        ]).stream,
      ),
      { fileField: "file", tempDir, maxFileBytes: MB },
    );
    expect(empty).toMatchObject({ file: null, error: null });
    const several = multipart([
      { name: "other", filename: "a.mp4", size: 1000 },
      { name: "file", filename: "b.mp4", size: 2000 },
      { name: "file", filename: "c.mp4", size: 3000 },
    ]);
    const received = await receiveUpload(request(several.stream), { fileField: "file", tempDir, maxFileBytes: MB });
    expect(received.error).toBeNull();
    expect(received.file).toMatchObject({ name: "b.mp4", sizeBytes: 2000 });
    expect(readdirSync(tempDir)).toHaveLength(1);
    await received.discard();
    expect(existsSync(received.file!.path)).toBe(false);
  });

  it("answers 400 for a body that is not a form, or a multipart body cut short", async () => {
    const tempDir = freshDir();
    const json = new Request("http://chiiki.test/materials/new", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect((await receiveUpload(json, { fileField: "file", tempDir, maxFileBytes: MB })).error).toMatchObject({
      code: "bad-request",
      status: 400,
    });
    const noBoundary = new Request("http://chiiki.test/materials/new", {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data" },
    });
    expect((await receiveUpload(noBoundary, { fileField: "file", tempDir, maxFileBytes: MB })).error).toMatchObject({
      code: "bad-request",
    });
    const encoder = new TextEncoder();
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n`),
        );
        controller.enqueue(patternChunk(0, 100_000));
        controller.error(new Error("client went away"));
      },
    });
    const received = await receiveUpload(request(cut), { fileField: "file", tempDir, maxFileBytes: MB });
    expect(received.error).toMatchObject({ code: "bad-request" });
    expect(received.file).toBeNull();
    expect(readdirSync(tempDir)).toEqual([]);
  });
});

describe("receiveImportForm (registry and survey imports)", () => {
  /** What the form helpers read of a request's state: the locale and where temporary files go. */
  const stateIn = (dataDir: string) =>
    ({ locale: "ja", services: { env: { dataDir, maxUploadBytes: 2048 * MB } } }) as unknown as RequestState;
  const importRequest = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request("http://chiiki.test/community/import", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    } as RequestInit);
  const failureOf = (result: unknown) => {
    const { data, init } = result as { data: FormFailure; init: ResponseInit };
    return { status: init.status, ...data };
  };
  const tooLarge = {
    status: 413,
    ok: false,
    code: "payload-too-large",
    message: "送信されたデータが大きすぎます。",
    fields: { file: "ファイルが大きすぎます（上限 10 MB）。分けて取り込んでください。" },
  };

  it("answers a file over the import limit (10 MB, not CHIIKI_MAX_UPLOAD_MB) with the page's form failure", async () => {
    const dataDir = freshDir();
    let ran = false;
    const body = multipart([
      { name: "kind", value: "people" },
      { name: "file", filename: "会員名簿.csv", size: fileLimits.fileBytes + 1 },
    ]);
    const streamed = await receiveImportForm(stateIn(dataDir), importRequest(body.stream), async () => (ran = true));
    expect(failureOf(streamed)).toMatchObject({ ...tooLarge, values: { kind: "people" } });
    const declared = multipart([{ name: "file", filename: "会員名簿.csv", size: 26 * MB }]);
    const early = await receiveImportForm(
      stateIn(dataDir),
      importRequest(declared.stream, { "content-length": String(declared.length) }),
      async () => (ran = true),
    );
    expect(failureOf(early)).toMatchObject(tooLarge);
    expect(declared.state.pulled).toBeLessThan(256 * 1024);
    expect(ran).toBe(false);
    await until(() => readdirSync(path.join(dataDir, "upload-tmp")).length === 0);
  });

  it("hands a file within the limit to the use case as bytes, and deletes it afterwards", async () => {
    const dataDir = freshDir();
    const size = 3 * MB + 7;
    const body = multipart([
      { name: "kind", value: "organisations" },
      { name: "file", filename: "団体.csv", size },
    ]);
    const result = await receiveImportForm(stateIn(dataDir), importRequest(body.stream), async (form, file) => ({
      kind: form.get("kind"),
      name: file?.name,
      hash: createHash("sha256").update(file!.bytes).digest("hex"),
    }));
    expect(result).toEqual({ kind: "organisations", name: "団体.csv", hash: sha256OfPattern(size) });
    expect(readdirSync(path.join(dataDir, "upload-tmp"))).toEqual([]);
  });

  it("takes a content field as large as the file when asked (the survey confirmation), and no more", async () => {
    const dataDir = freshDir();
    const content = "回答,".repeat(700_000); // 2.8 MB as UTF-8: over the 64 KB a field may usually hold
    const form = (value: string) =>
      multipart([
        { name: "intent", value: "commit" },
        { name: "content", value },
      ]);
    const taken = await receiveImportForm(
      stateIn(dataDir),
      importRequest(form(content).stream),
      async (f, file) => ({ length: String(f.get("content")).length, file }),
      { maxFieldBytes: 2 * fileLimits.fileBytes },
    );
    expect(taken).toEqual({ length: content.length, file: null });
    // Each field within its limit, together over it (and the 256 KB for the rest): refused, not held.
    const half = "x".repeat(0.7 * MB);
    const refused = await receiveImportForm(
      stateIn(dataDir),
      importRequest(
        multipart([
          { name: "content", value: half },
          { name: "again", value: half },
        ]).stream,
      ),
      async () => "ran",
      { maxFieldBytes: MB },
    );
    expect(failureOf(refused)).toMatchObject({ status: 413, code: "payload-too-large" });
  });

  it("refuses a field holding a NUL with a 400, as the buffered path does", async () => {
    const result = await receiveImportForm(
      stateIn(freshDir()),
      importRequest(multipart([{ name: "token", value: "a\u0000b" }]).stream),
      async () => "ran",
    );
    expect(failureOf(result)).toMatchObject({ status: 400, code: "bad-request" });
  });
});

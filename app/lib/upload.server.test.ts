/**
 * Receiving an upload form: the file goes to disk as it arrives and is counted against the limit;
 * too large, broken or empty forms are told apart; no temporary file outlives the request.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { receiveUpload } from "./upload.server.ts";

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

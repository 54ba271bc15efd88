import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { byteRange, streamResponse } from "./posts.web.server.ts";

describe("byteRange (range-parser)", () => {
  it.each([
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=100-", { start: 100, end: 999 }],
    ["bytes=-500", { start: 500, end: 999 }],
    ["bytes=-1000", { start: 0, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=900-5000", { start: 900, end: 999 }],
    ["bytes=999-999", { start: 999, end: 999 }],
    ["BYTES = 0-9", { start: 0, end: 9 }],
    ["bytes=0-49,50-99", { start: 0, end: 99 }],
    ["bytes=0-99,20-50", { start: 0, end: 99 }],
    ["bytes=2000-3000,0-9", { start: 0, end: 9 }],
    ["bytes=0-9,-5000", { start: 0, end: 999 }],
  ])("%s of 1000 bytes is %o", (header, range) => {
    expect(byteRange(header, 1000)).toEqual(range);
  });

  it.each([
    ["no header", null],
    ["another unit (the RFC says ignore it)", "items=0-5"],
    ["several separate ranges (no multipart: the whole file)", "bytes=0-9,500-509"],
  ])("serves the whole file for %s", (_name, header) => {
    expect(byteRange(header, 1000)).toBeNull();
  });

  it.each([
    ["a start past the end", "bytes=1000-"],
    ["a range past the end", "bytes=2000-3000"],
    ["an empty suffix", "bytes=-0"],
    ["last before first", "bytes=500-100"],
    ["no numbers", "bytes=-"],
    ["letters", "bytes=abc"],
    ["nothing", "bytes="],
    ["no unit", "0-99"],
    ["every range past the end", "bytes=1000-1001,2000-"],
  ])("is unsatisfiable (416) for %s", (_name, header) => {
    expect(byteRange(header, 1000)).toBe("unsatisfiable");
  });

  it("has nothing to give of an empty file", () => {
    expect(byteRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(byteRange("bytes=-10", 0)).toBe("unsatisfiable");
  });
});

describe("streamResponse", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-range-"));
  const file = path.join(dir, "video.mp4");
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  writeFileSync(file, bytes);
  const serve = (range?: string, method = "GET") =>
    streamResponse(new Request("http://chiiki.test/materials/x/file", { method, headers: range ? { range } : {} }), {
      read: async (part) => createReadStream(file, part ?? {}),
      sizeBytes: bytes.length,
      contentType: "video/mp4",
      fileName: "録画.mp4",
    });

  it("answers a range with 206, its Content-Range and exactly its bytes", async () => {
    const response = await serve("bytes=-500");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 500-999/1000");
    expect(response.headers.get("content-length")).toBe("500");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(500));
  });

  it("answers no range, or several, with the whole file (200)", async () => {
    for (const range of [undefined, "bytes=0-9,500-509"]) {
      const response = await serve(range);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-range")).toBeNull();
      expect(response.headers.get("content-length")).toBe("1000");
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    }
  });

  it("answers an unsatisfiable range with 416 and the size", async () => {
    const response = await serve("bytes=5000-");
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
    expect(await response.text()).toBe("");
  });

  it("sends headers only for HEAD", async () => {
    const response = await serve("bytes=0-99", "HEAD");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-length")).toBe("100");
    expect(await response.text()).toBe("");
  });
});

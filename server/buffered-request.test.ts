import { describe, expect, it } from "vitest";
import { BufferedRequest } from "./buffered-request.ts";

const request = (body: string, type = "application/json") =>
  new BufferedRequest("http://localhost/api", { method: "POST", headers: { "content-type": type } }, Buffer.from(body));

describe("BufferedRequest", () => {
  it("reads its body as a plain Request would: json, text, bytes, arrayBuffer, blob", async () => {
    expect(await request('{"名前":"参加者"}').json()).toEqual({ 名前: "参加者" });
    expect(await request("テキスト").text()).toBe("テキスト");
    expect(new TextDecoder().decode(await request("abc").bytes())).toBe("abc");
    expect(new TextDecoder().decode(await request("abc").arrayBuffer())).toBe("abc");
    const blob = await request("abc", "text/plain").blob();
    expect([blob.type, await blob.text()]).toEqual(["text/plain", "abc"]);
  });

  it("parses urlencoded and multipart forms", async () => {
    expect((await request("name=%E5%90%8D&x=1", "application/x-www-form-urlencoded").formData()).get("name")).toBe(
      "名",
    );
    const form = new FormData();
    form.set("file", new Blob(["内容"], { type: "text/plain" }), "a.txt");
    const multipart = new Request("http://localhost", { method: "POST", body: form });
    const bytes = Buffer.from(await multipart.arrayBuffer());
    const file = (
      await new BufferedRequest("http://localhost", { method: "POST", headers: multipart.headers }, bytes).formData()
    ).get("file") as File;
    expect([file.name, await file.text()]).toEqual(["a.txt", "内容"]);
  });

  it("is read once, like any body; a clone taken before reads it again", async () => {
    const original = request('{"a":1}');
    const copy = original.clone();
    expect(original.bodyUsed).toBe(false);
    await original.json();
    expect(original.bodyUsed).toBe(true);
    await expect(original.text()).rejects.toThrow(TypeError);
    expect(await copy.json()).toEqual({ a: 1 });
  });

  it("gives its body as a stream to code that asks for one (a Request rebuilt from it keeps the body)", async () => {
    // Looking at the stream is not reading it (Better Auth checks `request.body` before `json()`).
    const looked = request('{"b":2}');
    expect(looked.body).not.toBeNull();
    expect(looked.bodyUsed).toBe(false);
    expect(await looked.json()).toEqual({ b: 2 });
    const original = request('{"a":1}');
    const rebuilt = new Request(original.url, {
      method: "POST",
      body: original.body,
      headers: original.headers,
      duplex: "half",
    } as RequestInit);
    expect(await rebuilt.json()).toEqual({ a: 1 });
    expect(original.bodyUsed).toBe(true);
  });
});

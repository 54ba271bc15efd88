/**
 * A seminar's recording is larger than the 25 MB every other request may carry. Against the built
 * app as a child process: a 40 MB MP4 goes through the material upload form and plays back with
 * Range requests; the server's memory does not grow with the file (it is streamed to disk); with
 * CHIIKI_MAX_UPLOAD_MB lowered to 30, a 31 MB upload — with its length declared, or streamed
 * without one — gets a 413 page in Japanese and leaves no file, temporary file or row behind;
 * other requests still stop at 25 MB. The table imports (registry, survey answers) stop at their own
 * 10 MB and answer with the import page naming it, not the server's bare 413.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadTempDir } from "../../core/sharing/store-upload.ts";
import { samplePdf } from "../fixtures/sharing-world.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "../../core/surveys/demo-answers.ts";
import { secretariat as surveysSecretariat } from "../fixtures/surveys.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { openSharingWorld, type SharingE2eWorld } from "./sharing-world.ts";

const MB = 1024 * 1024;
const BOUNDARY = "----chiikiE2eUpload4f9a";

/** An MP4 by its first bytes (the `ftyp` box), then a byte pattern: byte i of the file is known. */
const FTYP = new Uint8Array([
  0,
  0,
  0,
  0x18,
  ...new TextEncoder().encode("ftypisom"),
  0,
  0,
  2,
  0,
  ...new TextEncoder().encode("isomiso2"),
]);
function mp4Chunk(offset: number, length: number): Uint8Array<ArrayBuffer> {
  const chunk = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const at = offset + i;
    chunk[i] = at < FTYP.length ? FTYP[at]! : (at * 7) % 253;
  }
  return chunk;
}

function formHead(fields: Record<string, string>, fileName: string): Uint8Array<ArrayBuffer> {
  let text = "";
  for (const [name, value] of Object.entries(fields))
    text += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  text += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: video/mp4\r\n\r\n`;
  return new TextEncoder().encode(text);
}
const formTail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);

/** The form as the browser sends it: the length is declared. */
function declaredBody(fields: Record<string, string>, fileName: string, file: Uint8Array<ArrayBuffer>): Blob {
  return new Blob([formHead(fields, fileName), file, formTail]);
}

/** The same form streamed without a length (chunked): the server only learns the size by counting. */
function streamedBody(fields: Record<string, string>, fileName: string, size: number): ReadableStream<Uint8Array> {
  let offset = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset === -1) {
        offset = 0;
        return controller.enqueue(formHead(fields, fileName));
      }
      if (offset >= size) {
        controller.enqueue(formTail);
        return controller.close();
      }
      const n = Math.min(MB, size - offset);
      controller.enqueue(mp4Chunk(offset, n));
      offset += n;
    },
  });
}

function post(
  app: AppServer,
  cookie: string,
  path: string,
  body: Blob | ReadableStream<Uint8Array>,
): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin: app.baseUrl, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

/** The server process's resident memory now, in bytes (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe.each(testDatabases)("large uploads on %s", (database) => {
  describe("with the default limit (CHIIKI_MAX_UPLOAD_MB unset: 2048 MB)", () => {
    let app: AppServer;
    let w: SharingE2eWorld;
    beforeAll(async () => {
      app = await startAppServer({ database, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
      w = await openSharingWorld(app);
    });
    afterAll(async () => {
      await w?.services.close();
      await app?.stop();
    });

    it("takes a 40 MB recording through the material form and plays it back with Range requests", async () => {
      const size = 40 * MB + 321;
      const file = mp4Chunk(0, size);
      const response = await post(
        app,
        w.cookies.secretariat!,
        "/materials/new",
        declaredBody(
          { eventId: w.world.eventId, title: "第3回セミナー 録画", speakerName: "講師 警部" },
          "第3回セミナー.mp4",
          file,
        ),
      );
      expect(response.status, await response.clone().text()).toBe(302);
      const id = /\/materials\/(\w+)$/.exec(response.headers.get("location") ?? "")?.[1];
      expect(id).toBeTruthy();
      const row = await app
        .db()
        .selectFrom("talk_materials")
        .selectAll()
        .where("id", "=", id!)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: "video",
        content_type: "video/mp4",
        size_bytes: size,
        file_name: "第3回セミナー.mp4",
      });
      expect(
        Buffer.compare(readFileSync(path.join(app.dataDir, "uploads", "sharing", row.storage_key)), Buffer.from(file)),
      ).toBe(0);
      expect(filesIn(uploadTempDir(app.dataDir))).toEqual([]);

      const range = async (header: string) => {
        const r = await fetch(`${app.baseUrl}/materials/${id}/file`, {
          headers: { cookie: w.cookies.secretariat!, range: header },
        });
        return {
          status: r.status,
          contentRange: r.headers.get("content-range"),
          bytes: new Uint8Array(await r.arrayBuffer()),
        };
      };
      const start = await range("bytes=0-99");
      expect(start).toMatchObject({ status: 206, contentRange: `bytes 0-99/${size}` });
      expect(start.bytes).toEqual(file.subarray(0, 100));
      const end = await range(`bytes=${size - 1000}-`);
      expect(end).toMatchObject({ status: 206, contentRange: `bytes ${size - 1000}-${size - 1}/${size}` });
      expect(end.bytes).toEqual(file.subarray(size - 1000));
      // Not for members until the speaker consents.
      expect(
        (
          await fetch(`${app.baseUrl}/materials/${id}/file`, {
            headers: { cookie: w.cookies.member!, range: "bytes=0-99" },
          })
        ).status,
      ).toBe(404);
    });

    it("streams a 200 MB upload to disk: the server's memory grows by far less than the file", async () => {
      const pid = app.pid!;
      const size = 200 * MB;
      const before = rssOf(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);
      try {
        const response = await post(
          app,
          w.cookies.secretariat!,
          "/materials/new",
          streamedBody({ eventId: "", title: "長時間の録画", speakerName: "講師" }, "long.mp4", size),
        );
        expect(response.status, await response.clone().text()).toBe(302);
      } finally {
        clearInterval(sampler);
      }
      const rows = await app
        .db()
        .selectFrom("talk_materials")
        .select(["size_bytes"])
        .where("title", "=", "長時間の録画")
        .execute();
      expect(rows).toEqual([{ size_bytes: size }]);
      // Buffered, the body alone would add 200 MB (request.formData() holds it, then a copy);
      // streamed, what grows is garbage the collector has not yet returned (measured: 8–47 MB).
      expect(peak - before, `RSS ${Math.round(before / MB)} MB → peak ${Math.round(peak / MB)} MB`).toBeLessThan(
        size / 2,
      );
      console.log(
        `[large-uploads ${database}] 200 MB upload: RSS ${Math.round(before / MB)} MB → peak ${Math.round(peak / MB)} MB`,
      );
    });

    it("lets a 26 MB form through to the upload route only (the client-side router's .data request too); others stop at 25 MB", async () => {
      const big = declaredBody({ eventId: "", title: "x", speakerName: "x" }, "x.mp4", mp4Chunk(0, 26 * MB));
      const elsewhere = await post(app, w.cookies.secretariat!, "/posts/new", big);
      expect(elsewhere.status).toBe(413);
      expect(elsewhere.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await elsewhere.text()).toContain("送信されたデータが大きすぎます");
      const viaRouter = await post(app, w.cookies.secretariat!, "/materials/new.data", big);
      expect(viaRouter.status).not.toBe(413);
      expect(viaRouter.headers.get("content-type") ?? "").not.toMatch(/problem\+json/);
      await viaRouter.arrayBuffer();
      expect(await app.db().selectFrom("talk_materials").select("id").where("title", "=", "x").execute()).toHaveLength(
        1,
      );
    });

    it("answers an import over 10 MB (declared, or streamed) with the import page naming the limit; small ones still go through", async () => {
      const talks = [
        { id: "t1", title: "講演1" },
        { id: "t2", title: "講演2" },
      ];
      const survey = await createSurvey(w.services.accounts, surveysSecretariat, {
        title: "取り込み",
        template: "regional-standard",
        talks,
      });
      const pages = { "/community/import": "団体・人の取り込み", [`/surveys/${survey.id}/import`]: "回答の取り込み" };
      for (const [page, title] of Object.entries(pages)) {
        for (const body of [
          declaredBody({ kind: "people", intent: "preview" }, "名簿.csv", mp4Chunk(0, 26 * MB)),
          streamedBody({ kind: "people", intent: "preview" }, "名簿.csv", 12 * MB),
        ]) {
          const response = await post(app, w.cookies.secretariat!, page, body);
          expect(response.status, page).toBe(413);
          expect(response.headers.get("content-type")).toMatch(/^text\/html/);
          const html = await response.text();
          expect(html).toContain(`${title} · Chiiki`);
          expect(html).toContain("ファイルが大きすぎます（上限 10 MB）。分けて取り込んでください。");
        }
      }
      const encoder = new TextEncoder();
      const registry = await post(
        app,
        w.cookies.secretariat!,
        "/community/import",
        declaredBody({ kind: "organisations" }, "団体.csv", encoder.encode("名称,区分\n取り込み株式会社,産\n")),
      );
      expect([200, 422]).toContain(registry.status);
      expect(await registry.text()).toContain("取り込み内容の確認");
      // The survey import's preview, then its confirmation (the content sent back as a multipart field).
      const answers = JSON.stringify(nagasakiDemoAnswers(["t1", "t2"]).slice(0, 2));
      const preview = await post(
        app,
        w.cookies.secretariat!,
        `/surveys/${survey.id}/import`,
        declaredBody({ intent: "preview" }, "answers.json", encoder.encode(answers)),
      );
      expect(preview.status, await preview.clone().text()).toBe(200);
      expect(await preview.text()).toContain("対応付けの確認");
      const commit = await post(
        app,
        w.cookies.secretariat!,
        `/surveys/${survey.id}/import`,
        new Blob([
          encoder.encode(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncommit\r\n` +
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="content"\r\n\r\n${answers}\r\n--${BOUNDARY}--\r\n`,
          ),
        ]),
      );
      expect(commit.status, await commit.clone().text()).toBe(200);
      const stored = await app
        .db()
        .selectFrom("survey_responses")
        .select("id")
        .where("survey_id", "=", survey.id)
        .execute();
      expect(stored).toHaveLength(2);
      await until(() => filesIn(uploadTempDir(app.dataDir)).length === 0);
    });

    it("cuts off a body sent without a length at 25 MB on every other route", async () => {
      const response = await post(
        app,
        w.cookies.secretariat!,
        "/posts/new",
        streamedBody({ title: "長さ不明" }, "x.bin", 26 * MB),
      );
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("送信されたデータが大きすぎます");
      expect(await app.db().selectFrom("posts").select("id").where("title", "=", "長さ不明").execute()).toHaveLength(0);
    });

    it("attaches a file to a post through the same streamed path", async () => {
      const pdf = await samplePdf("attachment");
      const body = new Blob([
        new TextEncoder().encode(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="注意喚起.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf as BlobPart,
        formTail,
      ]);
      const response = await post(app, w.cookies.secretariat!, `/posts/${w.ids.green}`, body);
      expect(response.status, await response.clone().text()).toBe(302);
      const attachments = await app
        .db()
        .selectFrom("post_attachments")
        .selectAll()
        .where("post_id", "=", w.ids.green)
        .execute();
      expect(attachments).toMatchObject([
        { file_name: "注意喚起.pdf", content_type: "application/pdf", size_bytes: pdf.byteLength },
      ]);
      // A member may not attach: refused before the body is read.
      expect((await post(app, w.cookies.member!, `/posts/${w.ids.green}`, body)).status).toBe(403);
      expect(filesIn(uploadTempDir(app.dataDir))).toEqual([]);
    });
  });

  describe("with CHIIKI_MAX_UPLOAD_MB=30", () => {
    let app: AppServer;
    let w: SharingE2eWorld;
    beforeAll(async () => {
      app = await startAppServer({
        database,
        rateLimits: false,
        env: { CHIIKI_WORKER: "off", CHIIKI_MAX_UPLOAD_MB: "30" },
      });
      w = await openSharingWorld(app);
    });
    afterAll(async () => {
      await w?.services.close();
      await app?.stop();
    });

    const state = async () => ({
      rows: (await app.db().selectFrom("talk_materials").select("id").execute()).length,
      audits: (await app.db().selectFrom("audit_events").select("id").where("action", "=", "material.upload").execute())
        .length,
      stored: filesIn(path.join(app.dataDir, "uploads", "sharing", "materials")),
    });

    it("answers a 31 MB upload whose length is declared with a 413 page in Japanese, before reading it; nothing is left", async () => {
      const before = await state();
      const fields = { eventId: w.world.eventId, title: "大きすぎる録画", speakerName: "講師" };
      const response = await post(
        app,
        w.cookies.secretariat!,
        "/materials/new",
        declaredBody(fields, "big.mp4", mp4Chunk(0, 31 * MB)),
      );
      expect(response.status).toBe(413);
      const html = await response.text();
      expect(html).toContain("ファイルが大きすぎます（30MBまで）");
      expect(html).toContain("送信されたデータが大きすぎます");
      await until(() => filesIn(uploadTempDir(app.dataDir)).length === 0);
      expect(await state()).toEqual(before);
    });

    it("stops a 31 MB upload streamed without a length at the limit: 413, no partial file, no row", async () => {
      const before = await state();
      const response = await post(
        app,
        w.cookies.secretariat!,
        "/materials/new",
        streamedBody(
          { eventId: w.world.eventId, title: "長さ不明の録画", speakerName: "講師" },
          "chunked.mp4",
          31 * MB,
        ),
      );
      expect(response.status).toBe(413);
      const html = await response.text();
      expect(html).toContain("ファイルが大きすぎます（30MBまで）");
      // the title typed is kept in the form
      expect(html).toContain("長さ不明の録画");
      await until(() => filesIn(uploadTempDir(app.dataDir)).length === 0);
      expect(await state()).toEqual(before);
    });

    it("still takes an upload under the limit (29 MB, over the 25 MB other requests may carry)", async () => {
      const before = await state();
      const response = await post(
        app,
        w.cookies.secretariat!,
        "/materials/new",
        streamedBody({ eventId: "", title: "29MBの録画", speakerName: "講師" }, "ok.mp4", 29 * MB),
      );
      expect(response.status, await response.clone().text()).toBe(302);
      expect((await state()).rows).toBe(before.rows + 1);
      expect(filesIn(uploadTempDir(app.dataDir))).toEqual([]);
    });
  });
});

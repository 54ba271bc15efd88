import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anonymous, type Actor } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases, withFailingTransactions } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import type { SharingDeps } from "./deps.ts";
import { getMaterial, listMaterials } from "./list-materials.ts";
import { loadViewer } from "./load-viewer.ts";
import { getConsentRequest, recordMaterialConsent, withdrawMaterialConsent } from "./material-consent.ts";
import { openMaterialFile } from "./open-material.ts";
import { listMaterialPages, renderMaterialPage } from "./view-material-pages.ts";
import { samplePdf, sampleMp4, seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { databasesAndStorages, storageEnv, s3rverForThisFile } from "../../tests/support/s3rver.ts";
import { storedKeys } from "../../tests/support/storage.ts";
import { readStored } from "../storage/port.ts";
import { sharingKey, uploadTempDir } from "./store-upload.ts";
import { uploadMaterial } from "./upload-material.ts";

const s3 = s3rverForThisFile();

describe.each(databasesAndStorages(testDatabases))(
  "talk materials and the speaker's consent on %s, files on %s",
  (kind, storage) => {
    const services = useTestServices(kind, () => storageEnv(storage, s3));
    const clock = fixedClock("2021-01-28T03:00:00.000Z");
    beforeEach(() => clock.set("2021-01-28T03:00:00.000Z"));
    let world: SharingWorld;
    let deps: SharingDeps;
    let slidesId: string;
    let videoId: string;

    beforeAll(async () => {
      deps = {
        db: services.database.db,
        clock,
        storage: services.storage,
        baseUrl: "http://chiiki.test",
        secret: "s".repeat(32),
      };
      world = await seedSharingWorld(deps.db, services.database.dialect, clock);
      // The speaker's slides, as the speaker uploads them: every test starts from them, no consent yet.
      slidesId = (
        await uploadMaterial(
          deps,
          world.actors.speaker,
          { eventId: world.eventId, title: "長崎県内のサイバーセキュリティについて", speakerName: "講師 警部" },
          { name: "slides.pdf", bytes: await samplePdf("slides") },
        )
      ).id;
    });

    const titlesFor = async (actor: Actor) =>
      (await listMaterials(deps.db, await loadViewer(deps.db, actor))).map((m) => m.title).sort();
    const consentLink = async () => {
      const mail = await deps.db
        .selectFrom("outbox_messages")
        .select(["text_body", "to_address"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return { to: mail.to_address, token: /\/materials\/consent\/(\S+)/.exec(mail.text_body)![1]! };
    };

    it("lets the speaker of the event upload, mails the consent link, and shows the slides only to the organisers and the speaker", async () => {
      const { to } = await consentLink();
      expect(to).toBe("speaker@police.example");
      // A speaker without an account reads it in Japanese, then in English, the link in both.
      const mail = await deps.db
        .selectFrom("outbox_messages")
        .select(["subject", "text_body"])
        .where("to_address", "=", to)
        .executeTakeFirstOrThrow();
      expect(mail.subject).toBe(
        "【ご確認のお願い】講演資料「長崎県内のサイバーセキュリティについて」の公開範囲について",
      );
      const [ja, en] = mail.text_body.split("----- English -----");
      expect(ja).toContain("ご同意いただくまで");
      expect(en).toContain("Until you consent, nobody but the organisers");
      expect(ja!.match(/\/materials\/consent\/\S+/)?.[0]).toBe(en!.match(/\/materials\/consent\/\S+/)?.[0]);
      expect(await titlesFor(world.actors.secretariat)).toEqual(["長崎県内のサイバーセキュリティについて"]);
      expect(await titlesFor(world.actors.speaker)).toEqual(["長崎県内のサイバーセキュリティについて"]);
      for (const actor of [anonymous, world.actors.memberA, world.actors.attendee, world.actors.outsider])
        expect(await titlesFor(actor)).toEqual([]);
    });

    it("refuses an upload by a speaker of another event or a member, and a file that is not a document or video", async () => {
      await expect(
        uploadMaterial(
          deps,
          world.actors.memberA,
          { eventId: world.eventId, title: "x", speakerName: "x" },
          { name: "a.pdf", bytes: await samplePdf() },
        ),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        uploadMaterial(
          deps,
          world.actors.secretariat,
          { eventId: world.eventId, title: "x", speakerName: "x" },
          { name: "a.pdf", bytes: new TextEncoder().encode("#!/bin/sh") },
        ),
      ).rejects.toMatchObject({
        code: "validation-failed",
        fields: [expect.objectContaining({ code: "sharing-file-type" })],
      });
      await expect(
        uploadMaterial(
          deps,
          world.actors.secretariat,
          { eventId: "nope", title: "", speakerName: "x" },
          { name: "a.pdf", bytes: await samplePdf() },
        ),
      ).rejects.toMatchObject({
        code: "validation-failed",
        fields: [expect.objectContaining({ field: "title", code: "required" })],
      });
    });

    it("opens the slides to members, view only, once the speaker consents; records time and scope", async () => {
      const { token } = await consentLink();
      await expect(
        recordMaterialConsent(deps, token, { scope: "everyone", downloadAllowed: "on" }),
      ).rejects.toMatchObject({ fields: [expect.objectContaining({ field: "scope" })] });
      // Without the right its medium needs, a consent opens nothing.
      await recordMaterialConsent(deps, token, { scope: "members", rights: [] });
      expect(await titlesFor(world.actors.memberA)).toHaveLength(0);
      // The newest consent is the one in force: the next answer comes a second later.
      clock.advance(1000);
      await recordMaterialConsent(deps, token, { scope: "members", rights: "copyright" });
      const request = await getConsentRequest(deps.db, token);
      expect(request).toMatchObject({ medium: "slides", rightsNeeded: ["copyright"] });
      expect(request.material.consent).toEqual({
        scope: "members",
        groupId: null,
        groupName: null,
        rights: ["copyright"],
        media: ["slides"],
        downloadAllowed: false,
        decidedAt: "2021-01-28T03:00:01.000Z",
        withdrawnAt: null,
      });
      expect(await titlesFor(world.actors.memberA)).toHaveLength(1);
      expect(await titlesFor(world.actors.groupLead)).toHaveLength(1);
      expect(await titlesFor(anonymous)).toEqual([]);
      expect(await titlesFor(world.actors.outsider)).toEqual([]);
      const member = await getMaterial(deps.db, await loadViewer(deps.db, world.actors.memberA), slidesId);
      expect(member.canDownload).toBe(false);
      const viewer = await loadViewer(deps.db, world.actors.memberA);
      // View only: the file never leaves the server; the member sees stamped page images.
      await expect(openMaterialFile(deps, world.actors.memberA, viewer, slidesId, { log: true })).rejects.toMatchObject(
        {
          code: "view-only",
        },
      );
      const pages = await listMaterialPages(deps, world.actors.memberA, viewer, slidesId);
      expect(pages).toMatchObject({
        viewable: true,
        canDownload: false,
        pages: [{ number: 1, width: 595, height: 842 }],
      });
      const png = await renderMaterialPage(deps, world.actors.memberA, viewer, slidesId, 1);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      await expect(renderMaterialPage(deps, world.actors.memberA, viewer, slidesId, 2)).rejects.toMatchObject({
        code: "not-found",
      });
      const log = await deps.db
        .selectFrom("sharing_downloads")
        .selectAll()
        .where("subject_id", "=", slidesId)
        .execute();
      expect(log).toMatchObject([{ mode: "view", user_id: world.actors.memberA.userId }]);
    });

    it("lets attendees-only consent reach the attendee and not members; download when allowed", async () => {
      const { token } = await consentLink();
      clock.advance(60_000);
      await recordMaterialConsent(deps, token, { scope: "attendees", rights: ["copyright"], downloadAllowed: "on" });
      expect(await titlesFor(world.actors.memberA)).toEqual([]);
      expect(await titlesFor(world.actors.attendee)).toHaveLength(1);
      const viewer = await loadViewer(deps.db, world.actors.attendee);
      const file = await openMaterialFile(deps, world.actors.attendee, viewer, slidesId, { log: true });
      expect(file.kind).toBe("download");
      expect((await PDFDocument.load(file.kind === "download" ? file.bytes : new Uint8Array())).getSubject()).toContain(
        "参加 四郎",
      );
    });

    it("falls back to the organisers when the speaker withdraws, keeping the history", async () => {
      const { token } = await consentLink();
      clock.advance(60_000);
      await recordMaterialConsent(deps, token, { scope: "members", rights: ["copyright"] });
      clock.advance(60_000);
      await recordMaterialConsent(deps, token, { scope: "attendees", rights: ["copyright"], downloadAllowed: "on" });
      clock.advance(60_000);
      await withdrawMaterialConsent(deps, token);
      expect(await titlesFor(world.actors.attendee)).toEqual([]);
      expect(await titlesFor(world.actors.secretariat)).toHaveLength(1);
      const history = await deps.db
        .selectFrom("material_consents")
        .selectAll()
        .where("material_id", "=", slidesId)
        .orderBy("decided_at")
        .execute();
      expect(history.map((h) => [h.scope, h.rights, h.withdrawn_at !== null])).toEqual([
        ["members", '["copyright"]', false],
        ["attendees", '["copyright"]', true],
      ]);
      expect((await getConsentRequest(deps.db, token)).material.consentState).toBe("withdrawn");
      await expect(getConsentRequest(deps.db, "mc_forged")).rejects.toMatchObject({ code: "not-found" });
    });

    it("never hands out a video as a file, even with a public consent", async () => {
      clock.advance(60_000); // after the slides' consent mail, so it is the newest
      videoId = (
        await uploadMaterial(
          deps,
          world.actors.secretariat,
          { eventId: world.eventId, title: "録画", speakerName: "講師", speakerEmail: "Analyst@Trend.example" },
          { name: "rec.mp4", bytes: sampleMp4() },
        )
      ).id;
      const { token, to } = await consentLink();
      expect(to).toBe("analyst@trend.example");
      await recordMaterialConsent(deps, token, {
        scope: "public",
        rights: ["copyright", "portrait"],
        downloadAllowed: "on",
      });
      const video = await getMaterial(deps.db, await loadViewer(deps.db, anonymous), videoId);
      expect(video).toMatchObject({ kind: "video", canDownload: false });
      const viewer = await loadViewer(deps.db, world.actors.secretariat);
      expect(await openMaterialFile(deps, world.actors.secretariat, viewer, videoId, { log: false })).toMatchObject({
        kind: "stream",
      });
      const stream = await openMaterialFile(deps, anonymous, await loadViewer(deps.db, anonymous), videoId, {
        log: false,
      });
      expect(stream).toMatchObject({ kind: "stream", contentType: "video/mp4", sizeBytes: 1024 });
      await expect(
        listMaterialPages(deps, anonymous, await loadViewer(deps.db, anonymous), videoId),
      ).rejects.toMatchObject({ code: "not-found" });
    });

    it("takes a recording the web layer streamed to disk: judged by its first bytes, moved into the store (streamed to a bucket)", async () => {
      const temp = uploadTempDir(services.dataDir);
      mkdirSync(temp, { recursive: true });
      const streamed = path.join(temp, "recording.part");
      const bytes = sampleMp4(3 * 1024 * 1024);
      writeFileSync(streamed, bytes);
      const { id } = await uploadMaterial(
        deps,
        world.actors.secretariat,
        { eventId: world.eventId, title: "第2回 録画", speakerName: "講師" },
        { name: "第2回.mp4", path: streamed },
      );
      // On the same disk it is renamed, not copied; a bucket gets a stream of it (the web layer deletes the rest).
      if (storage === "local disk") expect(existsSync(streamed)).toBe(false);
      const row = await deps.db.selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: "video",
        content_type: "video/mp4",
        size_bytes: bytes.byteLength,
        file_name: "第2回.mp4",
      });
      expect((await readStored(deps.storage, sharingKey(row.storage_key))).equals(Buffer.from(bytes))).toBe(true);
      // The player's range requests read just that range from the store.
      const viewer = await loadViewer(deps.db, world.actors.secretariat);
      const file = await openMaterialFile(deps, world.actors.secretariat, viewer, id, { log: false });
      if (file.kind !== "stream") throw new Error("a recording is streamed");
      expect(file.sizeBytes).toBe(bytes.byteLength);
      const range: Buffer[] = [];
      for await (const chunk of await file.read({ start: 1000, end: 1_500_000 })) range.push(chunk as Buffer);
      expect(Buffer.concat(range).equals(Buffer.from(bytes).subarray(1000, 1_500_001))).toBe(true);

      // Named .mp4, but a shell script by its content: refused (the caller still owns its temporary file).
      const script = path.join(temp, "fake.part");
      writeFileSync(script, `#!/bin/sh\nrm -rf /\n${"x".repeat(5000)}`);
      await expect(
        uploadMaterial(
          deps,
          world.actors.secretariat,
          { title: "x", speakerName: "x" },
          { name: "movie.mp4", path: script },
        ),
      ).rejects.toMatchObject({
        code: "validation-failed",
        fields: [expect.objectContaining({ field: "file", code: "sharing-file-type" })],
      });
      // A video over the configured upload limit is refused by size, with the limit in MB.
      writeFileSync(script, sampleMp4(2 * 1024 * 1024));
      await expect(
        uploadMaterial(
          { ...deps, maxUploadBytes: 1024 * 1024 },
          world.actors.secretariat,
          { title: "x", speakerName: "x" },
          { name: "movie.mp4", path: script },
        ),
      ).rejects.toMatchObject({
        code: "validation-failed",
        fields: [{ field: "file", code: "sharing-file-too-large", params: { max: 1 } }],
      });
    });

    it("leaves no stored file behind when the record cannot be written", async () => {
      const before = await storedKeys(deps.storage, "sharing/materials/");
      const rows = async () => (await deps.db.selectFrom("talk_materials").select("id").execute()).length;
      const count = await rows();
      // The database fails at the moment the record is written (after the file is stored).
      const failing = withFailingTransactions(deps.db);
      await expect(
        uploadMaterial(
          { ...deps, db: failing },
          world.actors.secretariat,
          { title: "x", speakerName: "x" },
          { name: "rec.mp4", bytes: sampleMp4(4096) },
        ),
      ).rejects.toThrow("database went away");
      expect(await storedKeys(deps.storage, "sharing/materials/")).toEqual(before);
      expect(await rows()).toBe(count);
    });
  },
);

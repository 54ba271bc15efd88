/**
 * What the files the community shares can be trusted with: an upload must open as what it claims
 * to be (a `%PDF-` header over anything else was stored, and every view of it then failed with a
 * 500), a file stored before that check answers with a message instead of crashing, and the name
 * on a stamp and in the download log is the registry's, not whatever the account holder typed.
 */
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import type { Actor } from "../accounts/actor.ts";
import { addAgreementAttachment } from "../community/add-agreement-attachment.ts";
import { createAgreement } from "../community/create-agreement.ts";
import { fixedClock } from "../shared/clock.ts";
import { addPostAttachment } from "./add-post-attachment.ts";
import { createPost } from "./create-post.ts";
import type { SharingDeps } from "./deps.ts";
import { loadViewer } from "./load-viewer.ts";
import { openMaterialFile } from "./open-material.ts";
import { openPostAttachment } from "./open-post-attachment.ts";
import { sharingKey } from "./store-upload.ts";
import { samplePdf, openSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { fakePdf, japanesePdf } from "../../tests/fixtures/pdf.ts";
import { uploadMaterial } from "./upload-material.ts";
import { listMaterialPages, renderMaterialPage } from "./view-material-pages.ts";

/** Slides as PowerPoint saves them (enough for file-type to call it PPTX), cut off before the zip's directory. */
async function truncatedPptx(): Promise<Uint8Array> {
  const zip = new JSZip();
  const types = "http://schemas.openxmlformats.org/package/2006/content-types";
  const main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
  zip.file(
    "[Content_Types].xml",
    `<Types xmlns="${types}"><Override PartName="/ppt/presentation.xml" ContentType="${main}"/></Types>`,
  );
  zip.file("ppt/presentation.xml", "<p:presentation/>");
  const bytes = await zip.generateAsync({ type: "uint8array" });
  return bytes.subarray(0, bytes.length - 40);
}

const unreadable = (kind: string) => ({
  code: "validation-failed",
  fields: [{ field: "file", code: "file-unreadable", params: { kind } }],
});

describe.each(testDatabases)("shared files on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-01-28T03:00:00.000Z");
  let world: SharingWorld;
  let deps: SharingDeps;
  let postId: string;

  beforeAll(async () => {
    ({ deps, world } = await openSharingWorld(services, clock));
    postId = (
      await createPost(deps, world.actors.secretariat, {
        title: "注意喚起",
        body: "本文",
        kind: "advisory",
        tlp: "CLEAR",
      })
    ).id;
  });

  it("refuses a fake PDF, a broken image and a broken Office file on arrival, everywhere files are uploaded", async () => {
    const sec = world.actors.secretariat;
    const material = { eventId: world.eventId, title: "資料", speakerName: "講師" };
    await expect(uploadMaterial(deps, sec, material, { name: "slides.pdf", bytes: fakePdf() })).rejects.toMatchObject(
      unreadable("PDF"),
    );
    await expect(addPostAttachment(deps, sec, postId, { name: "flyer.pdf", bytes: fakePdf() })).rejects.toMatchObject(
      unreadable("PDF"),
    );
    // A PNG signature and header chunk over noise, and slides whose zip is cut short.
    const pngHeader = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    const png = new Uint8Array([...pngHeader, ...new Array(40).fill(7)]);
    await expect(addPostAttachment(deps, sec, postId, { name: "chart.png", bytes: png })).rejects.toMatchObject(
      unreadable("PNG"),
    );
    const slides = await truncatedPptx();
    await expect(uploadMaterial(deps, sec, material, { name: "slides.pptx", bytes: slides })).rejects.toMatchObject(
      unreadable("PPTX"),
    );
    const community = { db: deps.db, dialect: services.database.dialect, clock, storage: deps.storage };
    const agreement = await createAgreement(community, sec, {
      title: "協定",
      parties: [{ organisationId: world.orgA }],
    });
    await expect(
      addAgreementAttachment(community, sec, agreement.id, { fileName: "協定書.pdf", bytes: fakePdf() }),
    ).rejects.toMatchObject(unreadable("PDF"));
    // Nothing was kept.
    expect(await deps.db.selectFrom("talk_materials").select("id").execute()).toEqual([]);
    expect(await deps.db.selectFrom("post_attachments").select("id").execute()).toEqual([]);
    // A real one is taken.
    await expect(
      uploadMaterial(deps, sec, material, { name: "slides.pdf", bytes: await japanesePdf() }),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("answers a broken file stored before uploads were checked with file-unreadable, not a crash", async () => {
    const sec = world.actors.secretariat;
    const viewer = await loadViewer(deps.db, sec);
    const { id } = await uploadMaterial(
      deps,
      sec,
      { eventId: world.eventId, title: "壊れた資料", speakerName: "講師" },
      { name: "a.pdf", bytes: await samplePdf() },
    );
    const row = await deps.db
      .selectFrom("talk_materials")
      .select("storage_key")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await deps.storage.put(sharingKey(row.storage_key), fakePdf());
    await expect(openMaterialFile(deps, sec, viewer, id, { log: true })).rejects.toMatchObject({
      code: "file-unreadable",
      status: 422,
    });
    await expect(listMaterialPages(deps, sec, viewer, id)).rejects.toMatchObject({ code: "file-unreadable" });
    await expect(renderMaterialPage(deps, sec, viewer, id, 1)).rejects.toMatchObject({ code: "file-unreadable" });
  });

  describe("the name on a stamp and in the download log", () => {
    let attachmentId: string;
    beforeAll(async () => {
      attachmentId = (
        await addPostAttachment(deps, world.actors.secretariat, postId, { name: "flyer.pdf", bytes: await samplePdf() })
      ).id;
    });
    const download = async (actor: Extract<Actor, { kind: "user" }>) => {
      const file = await openPostAttachment(
        deps,
        actor,
        await loadViewer(deps.db, actor),
        { postId, attachmentId },
        "download",
      );
      const log = await deps.db
        .selectFrom("sharing_downloads")
        .select(["actor_label", "organisation_name"])
        .where("user_id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      return { subject: (await PDFDocument.load(file.bytes)).getSubject() ?? "", log };
    };

    it("is the registry person's, whatever the account calls itself", async () => {
      const renamed = { ...world.actors.memberA, name: "事務局\r\nSecretariat" };
      const { subject, log } = await download(renamed);
      expect(subject).toContain("長崎 太郎（長崎県情報産業協会）");
      expect(subject).not.toContain("事務局");
      expect(log).toEqual({
        actor_label: "長崎 太郎 <taro@nisa-member.example>",
        organisation_name: "長崎県情報産業協会",
      });
    });

    it("is the account's own name, cleaned of control characters, when no person is linked", async () => {
      const stranger: Extract<Actor, { kind: "user" }> = {
        kind: "user",
        userId: "u-stranger",
        email: "who@example.jp",
        name: "  悪意\r\n\u202e事務局\u0007 ",
        grants: [],
        twoFactorEnabled: false,
        sessionId: "s",
      };
      const { subject, log } = await download(stranger);
      expect(subject).toContain("ダウンロード: 悪意 事務局 ");
      expect(subject).not.toMatch(/[\r\n\u0007\u202e]/);
      expect(log.actor_label).toBe("悪意 事務局 <who@example.jp>");
    });
  });
});

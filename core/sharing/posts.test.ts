import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { databasesAndStorages, storageEnv, s3rverForThisFile } from "../../tests/support/s3rver.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { sharingKey } from "./store-upload.ts";
import { addPostAttachment } from "./add-post-attachment.ts";
import { createPost } from "./create-post.ts";
import type { SharingDeps } from "./deps.ts";
import { getPost } from "./get-post.ts";
import { listPosts } from "./list-posts.ts";
import { loadViewer } from "./load-viewer.ts";
import { openPostAttachment } from "./open-post-attachment.ts";
import { samplePdf, openSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { updatePost } from "./update-post.ts";

function samplePng(): Uint8Array {
  const png = new PNG({ width: 2, height: 2 });
  return PNG.sync.write(png);
}

const s3 = s3rverForThisFile();

describe.each(databasesAndStorages(testDatabases))("posts on %s, files on %s", (kind, storage) => {
  const services = useTestServices(kind, () => storageEnv(storage, s3));
  const clock = fixedClock("2021-02-10T03:00:00.000Z");
  let world: SharingWorld;
  let deps: SharingDeps;
  const ids = {} as Record<"clear" | "green" | "amber" | "strict" | "red" | "draft", string>;

  beforeAll(async () => {
    ({ deps, world } = await openSharingWorld(services, clock, { baseUrl: "http://localhost" }));
    const sec = world.actors.secretariat;
    const base = { body: "本文", kind: "advisory" as const };
    ids.clear = (
      await createPost(deps, sec, {
        ...base,
        title: "Emotet 注意喚起",
        tlp: "CLEAR",
        summary: "メールの添付ファイルに注意",
      })
    ).id;
    ids.green = (await createPost(deps, sec, { ...base, title: "会員向け", tlp: "GREEN" })).id;
    ids.amber = (
      await createPost(deps, sec, {
        ...base,
        title: "A社向け",
        tlp: "AMBER",
        audience: { organisations: [world.orgA] },
      })
    ).id;
    ids.strict = (
      await createPost(deps, sec, {
        ...base,
        title: "B社限定",
        tlp: "AMBER+STRICT",
        audience: { organisations: [world.orgB] },
      })
    ).id;
    ids.red = (
      await createPost(deps, sec, {
        ...base,
        title: "赤井さんだけ",
        tlp: "RED",
        audience: { people: [world.people.named] },
      })
    ).id;
    ids.draft = (await createPost(deps, sec, { ...base, title: "下書き", tlp: "CLEAR", status: "draft" })).id;
  });

  const titlesFor = async (actor: Parameters<typeof loadViewer>[1]) =>
    (await listPosts(deps.db, await loadViewer(deps.db, actor), { limit: 100 })).items.map((p) => p.title).sort();

  it("lists to each viewer exactly what TLP allows", async () => {
    expect(await titlesFor(anonymous)).toEqual(["Emotet 注意喚起"]);
    expect(await titlesFor(world.actors.outsider)).toEqual(["Emotet 注意喚起"]);
    expect(await titlesFor(world.actors.memberA)).toEqual(["A社向け", "Emotet 注意喚起", "会員向け"].sort());
    expect(await titlesFor(world.actors.memberB)).toEqual(["B社限定", "Emotet 注意喚起", "会員向け"].sort());
    expect(await titlesFor(world.actors.named)).toEqual(
      ["A社向け", "Emotet 注意喚起", "会員向け", "赤井さんだけ"].sort(),
    );
    expect(await titlesFor(world.actors.groupLead)).toEqual(["Emotet 注意喚起", "会員向け"].sort());
    expect(await titlesFor(world.actors.secretariat)).toHaveLength(6);
  });

  it("counts only what the viewer may see, and searches within it", async () => {
    const viewer = await loadViewer(deps.db, world.actors.memberA);
    expect((await listPosts(deps.db, viewer, { limit: 1 })).total).toBe(3);
    expect((await listPosts(deps.db, viewer, { q: "emotet" })).items.map((p) => p.id)).toEqual([ids.clear]);
    expect((await listPosts(deps.db, viewer, { q: "B社" })).total).toBe(0);
  });

  it("answers not-found for a post the viewer may not see, and hides the audience from non-organisers", async () => {
    await expect(getPost(deps.db, await loadViewer(deps.db, world.actors.memberB), ids.amber)).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(getPost(deps.db, await loadViewer(deps.db, anonymous), ids.draft)).rejects.toMatchObject({
      code: "not-found",
    });
    const seen = await getPost(deps.db, await loadViewer(deps.db, world.actors.memberA), ids.amber);
    expect(seen.audience).toEqual({ organisations: [], people: [] });
    const organiser = await getPost(deps.db, await loadViewer(deps.db, world.actors.secretariat), ids.amber);
    expect(organiser.audience.organisations).toEqual([world.orgA]);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const before = (await deps.db.selectFrom("posts").select("id").execute()).length;
    await expect(
      createPost(deps, world.actors.secretariat, { title: "", body: "x", kind: "rumour", tlp: "AMBER" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        expect.objectContaining({ field: "title", code: "required" }),
        expect.objectContaining({ field: "kind", code: "choice" }),
      ]),
    });
    await expect(
      createPost(deps, world.actors.secretariat, { title: "x", body: "x", kind: "news", tlp: "AMBER" }),
    ).rejects.toMatchObject({
      fields: [expect.objectContaining({ field: "audience.organisations", code: "sharing-amber-needs-organisations" })],
    });
    await expect(
      createPost(deps, world.actors.secretariat, {
        title: "x",
        body: "x",
        kind: "news",
        tlp: "AMBER+STRICT",
        audience: { organisations: [world.orgA, world.orgB] },
      }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: "sharing-strict-one-organisation" })] });
    await expect(
      createPost(deps, world.actors.secretariat, {
        title: "x",
        body: "x",
        kind: "news",
        tlp: "AMBER",
        audience: { organisations: ["nope"] },
      }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: "sharing-unknown-organisation" })] });
    await expect(
      createPost(deps, world.actors.secretariat, {
        title: "x",
        body: "x",
        kind: "news",
        tlp: "CLEAR",
        sourceUrl: "javascript:alert(1)",
      }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ field: "sourceUrl", code: "sharing-url" })] });
    expect((await deps.db.selectFrom("posts").select("id").execute()).length).toBe(before);
  });

  it("lets only the secretariat write, with an audit record", async () => {
    await expect(
      createPost(deps, world.actors.memberA, { title: "x", body: "x", kind: "news", tlp: "CLEAR" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updatePost(deps, world.actors.memberA, ids.clear, { title: "x", body: "x", kind: "news", tlp: "CLEAR" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await updatePost(deps, world.actors.secretariat, ids.draft, {
      title: "公開した",
      body: "x",
      kind: "news",
      tlp: "CLEAR",
      status: "published",
    });
    expect(await titlesFor(anonymous)).toContain("公開した");
    const audit = await deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", ids.draft)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["post.create", "post.update"]);
  });

  it("accepts attachments by content, refuses a renamed text file, and stores them under the data dir", async () => {
    const sec = world.actors.secretariat;
    const pdf = await addPostAttachment(deps, sec, ids.amber, {
      name: "../../etc/注意喚起.pdf",
      bytes: await samplePdf(),
    });
    await addPostAttachment(deps, sec, ids.amber, { name: "chart.png", bytes: samplePng() });
    await expect(
      addPostAttachment(deps, sec, ids.amber, {
        name: "evil.pdf",
        bytes: new TextEncoder().encode("<html>not a pdf</html>"),
      }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [expect.objectContaining({ field: "file", code: "sharing-file-type" })],
    });
    await expect(
      addPostAttachment(deps, sec, ids.amber, { name: "empty.pdf", bytes: new Uint8Array() }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: "sharing-file-empty" })] });
    const row = await deps.db
      .selectFrom("post_attachments")
      .selectAll()
      .where("id", "=", pdf.id)
      .executeTakeFirstOrThrow();
    expect(row.file_name).toBe("注意喚起.pdf");
    expect(row.content_type).toBe("application/pdf");
    expect(await services.storage.head(sharingKey(row.storage_key))).toMatchObject({ size: row.size_bytes });
    const post = await getPost(deps.db, await loadViewer(deps.db, world.actors.memberA), ids.amber);
    expect(post.attachments.map((a) => a.contentType)).toEqual(["application/pdf", "image/png"]);
  });

  it("hands a PDF only to the post's audience, stamped with the downloader and TLP, and logs it", async () => {
    const attachment = await addPostAttachment(deps, world.actors.secretariat, ids.amber, {
      name: "注意喚起.pdf",
      bytes: await samplePdf(),
    });
    const open = async (actor: Parameters<typeof loadViewer>[1]) =>
      openPostAttachment(
        deps,
        actor,
        await loadViewer(deps.db, actor),
        { postId: ids.amber, attachmentId: attachment.id },
        "download",
      );
    await expect(open(world.actors.memberB)).rejects.toMatchObject({ code: "not-found" });
    await expect(open(anonymous)).rejects.toMatchObject({ code: "not-found" });
    const file = await open(world.actors.memberA);
    const stamped = await PDFDocument.load(file.bytes);
    expect(stamped.getSubject()).toContain("TLP:AMBER");
    expect(stamped.getSubject()).toContain("長崎 太郎（長崎県情報産業協会）");
    const log = await deps.db
      .selectFrom("sharing_downloads")
      .selectAll()
      .where("subject_id", "=", attachment.id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      user_id: world.actors.memberA.userId,
      organisation_name: "長崎県情報産業協会",
      tlp_label: "TLP:AMBER",
      mode: "download",
    });
    const audit = await deps.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "material.download")
      .where("entity_id", "=", attachment.id)
      .execute();
    expect(audit).toHaveLength(1);
  });
});

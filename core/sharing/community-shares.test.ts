/**
 * Sharing across communities (ADR 038), on both databases: three communities of one installation;
 * A (the first) publishes, shares some posts and a material with B, none with C. A post not shared
 * never reaches another community; a shared one reaches only its targets, decided there by TLP
 * with the target's own members; RED is refused; a withdrawn share is gone at once; downloads are
 * stamped and logged in the community that downloaded; the feeds name the publisher.
 */
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../accounts/actor.ts";
import { createCommunity } from "../communities/create-community.ts";
import { getMemberHome } from "../home/get-member-home.ts";
import { getPublicHome } from "../home/get-public-home.ts";
import { approveMailing, submitMailing } from "../mailings/approve-mailing.ts";
import { createMailing } from "../mailings/create-mailing.ts";
import { dispatchDueMailings } from "../mailings/dispatch-due-mailings.ts";
import { listMailingChoices } from "../mailings/list-mailing-choices.ts";
import { systemClock } from "../shared/clock.ts";
import type { Services } from "../../server/services.ts";
import { memberActor, secretariatActor, userActor } from "../../tests/fixtures/actors.ts";
import { insertOrganisation, insertPerson, insertUser } from "../../tests/fixtures/rows.ts";
import { samplePdf } from "../../tests/fixtures/sharing-world.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { addPostAttachment } from "./add-post-attachment.ts";
import { buildAtomFeed } from "./build-atom-feed.ts";
import { createPost } from "./create-post.ts";
import { publicViewer } from "./decide-access.ts";
import { sharingDepsFrom } from "./deps.ts";
import { exportStixBundle } from "./export-stix.ts";
import { getPost } from "./get-post.ts";
import { listCommunityShares } from "./list-community-shares.ts";
import { listDownloads } from "./list-downloads.ts";
import { getMaterial, listMaterials } from "./list-materials.ts";
import { listPosts } from "./list-posts.ts";
import { loadViewer } from "./load-viewer.ts";
import { openMaterialFile } from "./open-material.ts";
import { openPostAttachment } from "./open-post-attachment.ts";
import { setCommunityShares } from "./set-community-shares.ts";
import { updatePost } from "./update-post.ts";
import { uploadMaterial } from "./upload-material.ts";

const office = secretariatActor();
const cli = { kind: "system", name: "cli" } as const;
const post = (title: string, tlp: string, extra: Record<string, unknown> = {}) => ({
  title,
  body: `${title} の本文`,
  kind: "advisory",
  tlp,
  ...extra,
});

describe.each(testDatabases)("sharing across communities on %s", (kind) => {
  const a = useTestServices(kind);
  let b: Services;
  let c: Services;
  const ids = {} as Record<"clear" | "green" | "amber" | "red" | "material" | "unconsented" | "attachment", string>;
  let memberOfB: Actor;
  let outsiderOfB: Actor;
  let memberOfC: Actor;
  let memberOfA: Actor;
  let orgOfB: string;

  beforeAll(async () => {
    const saga = await createCommunity({ root: a.database.root, clock: systemClock }, cli, {
      slug: "saga",
      name: "佐賀県サイバーセキュリティ連絡会",
    });
    const kumamoto = await createCommunity({ root: a.database.root, clock: systemClock }, cli, {
      slug: "kumamoto",
      name: "熊本県サイバーセキュリティ推進協議会",
    });
    b = a.forCommunity(saga);
    c = a.forCommunity(kumamoto);
    const orgA = await insertOrganisation(a.database.db, { name: "長崎商事", membership: "member" });
    const orgB = await insertOrganisation(b.database.db, { name: "佐賀物産", membership: "member" });
    const orgC = await insertOrganisation(c.database.db, { name: "熊本工業", membership: "member" });
    orgOfB = orgB;
    memberOfA = memberActor(orgA, { userId: "u-a" });
    memberOfB = memberActor(orgB, { userId: "u-b", name: "佐賀 太郎", email: "taro@saga.example.jp" });
    memberOfC = memberActor(orgC, { userId: "u-c" });
    outsiderOfB = userActor({ userId: "u-outsider" });

    const deps = sharingDepsFrom(a);
    ids.clear = (await createPost(deps, office, post("県警からの注意喚起（共有しない）", "CLEAR"))).id;
    ids.green = (await createPost(deps, office, post("県警からの注意喚起", "GREEN", { sourceOrganisation: null }))).id;
    ids.amber = (
      await createPost(deps, office, post("特定組織向け", "AMBER", { audience: { organisations: [orgA], people: [] } }))
    ).id;
    const person = {
      id: await insertPerson(a.database.db, {
        id: "p-red",
        family_name: "長崎",
        given_name: "花子",
        organisation_id: orgA,
      }),
    };
    ids.red = (
      await createPost(deps, office, post("名指し", "RED", { audience: { organisations: [], people: [person.id] } }))
    ).id;
    ids.attachment = (
      await addPostAttachment(deps, office, ids.green, { name: "advisory.pdf", bytes: await samplePdf() })
    ).id;
    await setCommunityShares(deps, office, { type: "post", id: ids.green }, { communities: ["saga"] });
    await setCommunityShares(deps, office, { type: "post", id: ids.amber }, { communities: ["saga"] });

    ids.material = (
      await uploadMaterial(
        deps,
        office,
        { title: "講演資料", speakerName: "講師" },
        { name: "s.pdf", bytes: await samplePdf() },
      )
    ).id;
    ids.unconsented = (
      await uploadMaterial(
        deps,
        office,
        { title: "未同意", speakerName: "講師" },
        { name: "u.pdf", bytes: await samplePdf() },
      )
    ).id;
    await a.database.db
      .insertInto("material_consents")
      .values({
        id: "consent-1",
        material_id: ids.material,
        scope: "members",
        group_id: null,
        rights: JSON.stringify(["copyright"]),
        media: JSON.stringify(["slides"]),
        download_allowed: 1,
        decided_at: "2021-01-02T00:00:00.000Z",
        decided_by: "speaker@example.jp",
        withdrawn_at: null,
      })
      .execute();
    await setCommunityShares(deps, office, { type: "material", id: ids.material }, { communities: ["saga"] });
  });

  const titles = async (services: Services, actor: Actor) => {
    const deps = sharingDepsFrom(services);
    const viewer = await loadViewer(deps.db, actor);
    return (await listPosts(deps.db, viewer, {}, { shared: deps.shared })).items.map((p) => p.id);
  };

  it("shows a shared post only in its targets, decided there by TLP with the target's own members", async () => {
    // B's member: the GREEN post (a member of B), not the AMBER one (its organisations are A's), never the unshared CLEAR.
    expect(await titles(b, memberOfB)).toEqual([ids.green]);
    // B's secretariat reads the AMBER one too, without A's audience list; the public and a non-member of B nothing.
    expect((await titles(b, office)).sort()).toEqual([ids.green, ids.amber].sort());
    expect(await titles(b, outsiderOfB)).toEqual([]);
    expect(await titles(b, { kind: "anonymous" })).toEqual([]);
    // C was given nothing: its secretariat sees none of A's posts; A's own lists are unchanged.
    expect(await titles(c, office)).toEqual([]);
    expect(await titles(c, memberOfC)).toEqual([]);
    expect((await titles(a, memberOfA)).sort()).toEqual([ids.clear, ids.green, ids.amber].sort());

    const deps = sharingDepsFrom(b);
    const viaB = await getPost(deps.db, await loadViewer(deps.db, office), ids.amber, deps.shared);
    expect(viaB.sharedBy).toMatchObject({ slug: "default" });
    expect(viaB.audience).toEqual({ organisations: [], people: [] });
    const green = await getPost(deps.db, await loadViewer(deps.db, memberOfB), ids.green, deps.shared);
    expect(green.attachments.map((x) => x.id)).toEqual([ids.attachment]);
    await expect(
      getPost(deps.db, await loadViewer(deps.db, outsiderOfB), ids.green, deps.shared),
    ).rejects.toMatchObject({ code: "not-found" });
    const inC = sharingDepsFrom(c);
    await expect(getPost(inC.db, await loadViewer(inC.db, office), ids.green, inC.shared)).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("puts a shared post on the target's home pages, marked with its publisher, and on no other community's", async () => {
    const shared = await createPost(sharingDepsFrom(a), office, post("全県向けの注意喚起", "CLEAR"));
    await setCommunityShares(sharingDepsFrom(a), office, { type: "post", id: shared.id }, { communities: ["saga"] });
    const homeDeps = (services: Services) => ({
      ...services.accounts,
      ...sharingDepsFrom(services),
    });
    const publicOf = async (services: Services) => (await getPublicHome(homeDeps(services))).advisories;
    expect((await publicOf(b)).map((p) => [p.id, p.sharedBy?.slug])).toEqual([[shared.id, "default"]]);
    expect((await publicOf(c)).map((p) => p.id)).toEqual([]);
    // The member home reads the account (its registrations by e-mail): real accounts of B and C.
    const accountOf = (services: Services, member: Actor, email: string) =>
      insertUser(services.database.db, services.database.dialect, {
        name: "会員",
        email,
        grants: member.kind === "user" ? member.grants : [],
      });
    const memberHome = await getMemberHome(homeDeps(b), await accountOf(b, memberOfB, "home-b@saga.example.jp"));
    expect(memberHome.newPosts.map((p) => [p.id, p.sharedBy?.slug]).sort()).toEqual(
      [
        [shared.id, "default"],
        [ids.green, "default"],
      ].sort(),
    );
    const ofC = await accountOf(c, memberOfC, "home-c@kumamoto.example.jp");
    expect((await getMemberHome(homeDeps(c), ofC)).newPosts).toEqual([]);
    // At home the post is the community's own: no mark.
    expect((await publicOf(a)).find((p) => p.id === shared.id)?.sharedBy).toBeNull();
    await setCommunityShares(sharingDepsFrom(a), office, { type: "post", id: shared.id }, { communities: [] });
    expect(await publicOf(b)).toEqual([]);
  });

  it("lets the target's secretariat mail a shared post to its members, each decided there by TLP", async () => {
    const deps = sharingDepsFrom(b);
    const reader = "reader@saga.example.jp";
    await insertPerson(b.database.db, {
      id: "p-reader",
      family_name: "佐賀",
      given_name: "読子",
      organisation_id: orgOfB,
      email: reader,
    });
    const offered = (await listMailingChoices(deps, office)).posts.filter((p) => p.sharedBy);
    expect(offered.map((p) => p.id).sort()).toEqual([ids.green, ids.amber].sort());
    const second = secretariatActor({ userId: "second-approver", email: "second@saga.example.jp" });
    const send = async (postId: string) => {
      const { id } = await createMailing(deps, office, {
        subject: "共有された注意喚起",
        bodyTemplate: "{name} 様",
        audience: { kind: "all-members" },
        postId,
      });
      if ((await submitMailing(deps, office, id)).status !== "approved") await approveMailing(deps, second, id);
      await dispatchDueMailings(deps);
      return b.database.db
        .selectFrom("mailing_recipients")
        .leftJoin("outbox_messages", "outbox_messages.id", "mailing_recipients.outbox_message_id")
        .select(["mailing_recipients.email", "mailing_recipients.status", "outbox_messages.text_body"])
        .where("mailing_id", "=", id)
        .execute();
    };
    // GREEN reaches B's member, with the link to the post at B's address; A's AMBER does not (its
    // organisations are A's), as on B's pages.
    const green = await send(ids.green);
    expect(green.map((r) => r.email)).toEqual([reader]);
    expect(green[0]!.text_body).toContain(`${b.env.baseUrl}/posts/${ids.green}`);
    expect((await send(ids.amber)).map((r) => [r.email, r.status])).toEqual([[reader, "skipped-not-entitled"]]);
    // C was not given the post: its secretariat cannot mail it.
    await expect(
      createMailing(sharingDepsFrom(c), office, {
        subject: "x",
        bodyTemplate: "x",
        audience: { kind: "all-members" },
        postId: ids.green,
      }),
    ).rejects.toMatchObject({ code: "validation-failed" });
  });

  it("refuses TLP:RED, and a shared post becoming RED", async () => {
    const deps = sharingDepsFrom(a);
    await expect(
      setCommunityShares(deps, office, { type: "post", id: ids.red }, { communities: ["saga"] }),
    ).rejects.toMatchObject({ code: "cross-share-red" });
    await expect(
      updatePost(deps, office, ids.green, {
        ...post("県警からの注意喚起", "RED"),
        audience: { organisations: [], people: ["p-red"] },
      }),
    ).rejects.toMatchObject({ code: "cross-share-red" });
    // Withdrawing is always allowed, RED or not.
    await expect(setCommunityShares(deps, office, { type: "post", id: ids.red }, { communities: [] })).resolves.toEqual(
      { communities: [] },
    );
    // Unknown and own communities are field errors; another community's secretariat cannot share A's post.
    await expect(
      setCommunityShares(deps, office, { type: "post", id: ids.green }, { communities: ["default"] }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "communities", code: "share-own-community" }],
    });
    await expect(
      setCommunityShares(sharingDepsFrom(b), office, { type: "post", id: ids.green }, { communities: ["kumamoto"] }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("withdraws a share at once, and lists the publisher's choices", async () => {
    const deps = sharingDepsFrom(a);
    const { title, tlp, choices } = await listCommunityShares(deps.db, office, { type: "post", id: ids.green });
    expect([title, tlp]).toEqual(["県警からの注意喚起", "GREEN"]);
    expect(choices.map((x) => [x.slug, x.sharedAt !== null])).toEqual([
      ["saga", true],
      ["kumamoto", false],
    ]);
    await setCommunityShares(deps, office, { type: "post", id: ids.green }, { communities: ["kumamoto"] });
    expect(await titles(b, memberOfB)).toEqual([]);
    expect(await titles(c, memberOfC)).toEqual([ids.green]);
    const inB = sharingDepsFrom(b);
    await expect(
      openPostAttachment(
        inB,
        memberOfB,
        await loadViewer(inB.db, memberOfB),
        { postId: ids.green, attachmentId: ids.attachment },
        "download",
      ),
    ).rejects.toMatchObject({ code: "not-found" });
    const audit = await deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "post.share")
      .execute();
    expect(audit.length).toBe(3);
  });

  it("stamps and logs a download in the community that downloaded, not the publisher's", async () => {
    const inB = sharingDepsFrom(b);
    const viewer = await loadViewer(inB.db, memberOfB);
    const file = await openPostAttachment(
      inB,
      memberOfB,
      viewer,
      { postId: ids.green, attachmentId: ids.attachment },
      "download",
    );
    const pdf = await PDFDocument.load(file.bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(0);
    expect(file.bytes.byteLength).not.toBe((await samplePdf()).byteLength);
    const inBLog = await inB.db.selectFrom("sharing_downloads").select(["subject_id", "tlp_label"]).execute();
    expect(inBLog).toEqual([{ subject_id: ids.attachment, tlp_label: "TLP:GREEN" }]);
    expect(await a.database.db.selectFrom("sharing_downloads").select("id").execute()).toEqual([]);
    const log = await listDownloads(inB.db, office, {}, inB.shared);
    expect(log.map((d) => [d.what, d.who])).toEqual([["advisory.pdf", "佐賀 太郎 <taro@saga.example.jp>"]]);
  });

  it("shares a material within the speaker's consent, to the target's members, never as its organisers", async () => {
    const deps = sharingDepsFrom(a);
    await expect(
      setCommunityShares(deps, office, { type: "material", id: ids.unconsented }, { communities: ["saga"] }),
    ).rejects.toMatchObject({ code: "cross-share-not-consented" });
    const inB = sharingDepsFrom(b);
    const member = await loadViewer(inB.db, memberOfB);
    const listed = await listMaterials(inB.db, member, {}, inB.shared);
    expect(listed.map((m) => [m.id, m.sharedBy?.slug, m.canDownload])).toEqual([[ids.material, "default", true]]);
    expect(await listMaterials(inB.db, await loadViewer(inB.db, outsiderOfB), {}, inB.shared)).toEqual([]);
    const inC = sharingDepsFrom(c);
    await expect(getMaterial(inC.db, await loadViewer(inC.db, office), ids.material, inC.shared)).rejects.toMatchObject(
      {
        code: "not-found",
      },
    );
    const file = await openMaterialFile(inB, memberOfB, member, ids.material, { log: true });
    expect(file.kind).toBe("download");
    expect(await inB.db.selectFrom("sharing_downloads").select("subject_id").execute()).toEqual([
      { subject_id: ids.material },
    ]);
    // The speaker narrows the consent to the organisers: gone from B at once, for B's secretariat too.
    await a.database.db
      .insertInto("material_consents")
      .values({
        id: "consent-2",
        material_id: ids.material,
        scope: "organisers",
        group_id: null,
        rights: JSON.stringify(["copyright"]),
        media: JSON.stringify(["slides"]),
        download_allowed: 0,
        decided_at: "2021-01-03T00:00:00.000Z",
        decided_by: "speaker@example.jp",
        withdrawn_at: null,
      })
      .execute();
    expect(await listMaterials(inB.db, await loadViewer(inB.db, office), {}, inB.shared)).toEqual([]);
  });

  it("names the publishing community in the Atom feed and the STIX bundle", async () => {
    const inB = sharingDepsFrom(b);
    const viewer = await loadViewer(inB.db, memberOfB);
    const xml = await buildAtomFeed(inB.db, viewer, {
      baseUrl: "http://saga.test",
      selfUrl: "http://saga.test/feed.atom",
      title: "佐賀",
      shared: inB.shared,
    });
    expect(xml).toContain("県警からの注意喚起");
    expect(xml).toContain('term="community:default"');
    expect(xml).toMatch(/<source>\s*<id>urn:chiiki:community:default<\/id>/);
    expect(xml).not.toContain("共有しない");
    expect(
      await buildAtomFeed(inB.db, publicViewer, { baseUrl: "", selfUrl: "", title: "", shared: inB.shared }),
    ).not.toContain("県警");
    const bundle = await exportStixBundle(inB.db, viewer, {
      baseUrl: "http://saga.test",
      communityName: "佐賀県サイバーセキュリティ連絡会",
      now: new Date("2021-02-01T00:00:00Z"),
      shared: inB.shared,
    });
    const objects = bundle.objects as { type: string; id: string; name?: string; created_by_ref?: string }[];
    const report = objects.find((o) => o.type === "report")!;
    const creator = objects.find((o) => o.id === report.created_by_ref)!;
    const home = (
      await a.database.root
        .selectFrom("communities")
        .select("name")
        .where("slug", "=", "default")
        .executeTakeFirstOrThrow()
    ).name;
    expect(creator).toMatchObject({ type: "identity", name: home });
  });
});

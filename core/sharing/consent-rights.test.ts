import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { mapEarlierConsents } from "../../db/migrations/0413-consent-rights-media.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import type { SharingDeps } from "./deps.ts";
import { getMaterial, listMaterials } from "./list-materials.ts";
import { loadViewer } from "./load-viewer.ts";
import { getConsentRequest, recordMaterialConsent, withdrawMaterialConsent } from "./material-consent.ts";
import { openMaterialFile } from "./open-material.ts";
import { sampleMp4, samplePdf, openSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { uploadMaterial } from "./upload-material.ts";

/** Issue 16, item 3: consent by right (copyright, portrait) and by medium (slides, recording), to a named group. */
describe.each(testDatabases)("consent by right and by medium on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-01-28T03:00:00.000Z");
  let world: SharingWorld;
  let deps: SharingDeps;
  const tokens: Record<"slides" | "video", string> = { slides: "", video: "" };
  const ids: Record<"slides" | "video", string> = { slides: "", video: "" };

  /** Each answer a second after the last, as a speaker's would be: the newest consent is the one in force. */
  const consent = async (token: string, input: Record<string, unknown>) => {
    clock.advance(1000);
    await recordMaterialConsent(deps, token, input);
  };
  const sees = async (actor: Actor) =>
    (await listMaterials(deps.db, await loadViewer(deps.db, actor))).map((m) => m.title).sort();
  const lastToken = async () => {
    const mail = await deps.db
      .selectFrom("outbox_messages")
      .select("text_body")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    return /\/materials\/consent\/(\S+)/.exec(mail.text_body)![1]!;
  };

  beforeAll(async () => {
    ({ deps, world } = await openSharingWorld(services, clock));
    const upload = async (title: string, file: { name: string; bytes: Uint8Array }, email: string) => {
      clock.advance(1000);
      const { id } = await uploadMaterial(
        deps,
        world.actors.secretariat,
        { eventId: world.eventId, title, speakerName: "講師", speakerEmail: email },
        file,
      );
      return { id, token: await lastToken() };
    };
    const slides = await upload("スライド", { name: "s.pdf", bytes: await samplePdf("s") }, "slides@police.example");
    const video = await upload("録画", { name: "r.mp4", bytes: sampleMp4() }, "video@police.example");
    ids.slides = slides.id;
    ids.video = video.id;
    tokens.slides = slides.token;
    tokens.video = video.token;
  });

  it("a recording needs portrait rights as well as copyright; slides need copyright only", async () => {
    const { memberA } = world.actors;
    expect(await getConsentRequest(deps.db, tokens.video)).toMatchObject({
      medium: "recording",
      rightsNeeded: ["copyright", "portrait"],
    });
    await consent(tokens.video, { scope: "members", rights: ["copyright"] });
    await consent(tokens.slides, { scope: "members", rights: ["copyright"] });
    expect(await sees(memberA)).toEqual(["スライド"]);
    await consent(tokens.video, { scope: "members", rights: ["copyright", "portrait"] });
    expect(await sees(memberA)).toEqual(["スライド", "録画"]);
    // What the speaker sees behind the link: what they granted, to whom, for which medium.
    expect((await getConsentRequest(deps.db, tokens.video)).material.consent).toMatchObject({
      scope: "members",
      rights: ["copyright", "portrait"],
      media: ["recording"],
      downloadAllowed: false,
    });
    const audit = await deps.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("entity_id", "=", ids.video)
      .where("action", "=", "material.consent")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ rights: ["copyright", "portrait"], media: ["recording"] });
  });

  it("a named group: its members and its lead see the material, other members do not", async () => {
    const { memberA, memberB, groupLead } = world.actors;
    await expect(
      recordMaterialConsent(deps, tokens.slides, { scope: "group", rights: ["copyright"] }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ field: "groupId" })] });
    await expect(
      recordMaterialConsent(deps, tokens.slides, { scope: "group", groupId: "no-such-group", rights: ["copyright"] }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ field: "groupId", code: "sharing-unknown-group" })] });
    await consent(tokens.slides, { scope: "group", groupId: world.groupId, rights: ["copyright"] });
    // orgB belongs to the group; the lead leads it; orgA does not belong.
    expect(await sees(memberB)).toContain("スライド");
    expect(await sees(groupLead)).toContain("スライド");
    expect(await sees(memberA)).not.toContain("スライド");
    const request = await getConsentRequest(deps.db, tokens.slides);
    expect(request.groups.map((g) => g.id)).toContain(world.groupId);
    expect(request.material.consent).toMatchObject({ scope: "group", groupId: world.groupId });
    expect(request.material.consent?.groupName).toBeTruthy();
  });

  it("withdrawal hides the material at once from lists, pages and files, and is logged", async () => {
    const { memberB } = world.actors;
    await consent(tokens.slides, { scope: "public", rights: ["copyright"], downloadAllowed: "on" });
    const viewer = await loadViewer(deps.db, memberB);
    expect(await getMaterial(deps.db, viewer, ids.slides)).toMatchObject({ title: "スライド" });
    clock.advance(1000);
    await withdrawMaterialConsent(deps, tokens.slides);
    expect(await sees(memberB)).not.toContain("スライド");
    await expect(getMaterial(deps.db, viewer, ids.slides)).rejects.toMatchObject({ code: "not-found" });
    await expect(openMaterialFile(deps, memberB, viewer, ids.slides, { log: false })).rejects.toMatchObject({
      code: "not-found",
    });
    const logged = await deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", ids.slides)
      .where("action", "=", "material.consent-withdraw")
      .execute();
    expect(logged).toHaveLength(1);
  });

  it("migration 0413 maps earlier consents to exactly what they allowed: a document's copyright, a video's both rights", async () => {
    const { memberA } = world.actors;
    await consent(tokens.slides, { scope: "members", rights: ["copyright"] });
    await consent(tokens.video, { scope: "members", rights: ["copyright", "portrait"] });
    // As an earlier consent was stored: no rights, no media.
    await deps.db.updateTable("material_consents").set({ rights: "[]", media: "[]" }).execute();
    expect(await sees(memberA)).toEqual([]);
    await mapEarlierConsents(deps.db);
    expect(await sees(memberA)).toEqual(["スライド", "録画"]);
    const rows = await deps.db.selectFrom("material_consents").select(["material_id", "rights", "media"]).execute();
    for (const row of rows) {
      expect([row.rights, row.media]).toEqual(
        row.material_id === ids.video ? ['["copyright","portrait"]', '["recording"]'] : ['["copyright"]', '["slides"]'],
      );
    }
  });
});

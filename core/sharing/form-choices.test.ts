/**
 * What the sharing and mailing pages offer to choose from, and who may see it: the queries the
 * routes used to make themselves (issue 14, item 4), now use cases that decide access.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { type Actor, anonymous } from "../accounts/actor.ts";
import { listMailingChoices } from "../mailings/list-mailing-choices.ts";
import { fixedClock } from "../shared/clock.ts";
import { createPost } from "./create-post.ts";
import type { SharingDeps } from "./deps.ts";
import { getMaterialOverview } from "./get-material-overview.ts";
import { listAudienceChoices } from "./list-audience-choices.ts";
import { listMaterialUploadEvents } from "./list-material-upload-events.ts";
import { samplePdf, openSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { uploadMaterial } from "./upload-material.ts";

describe.each(testDatabases)("form choices of the sharing pages on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-01-28T03:00:00.000Z");
  let world: SharingWorld;
  let deps: SharingDeps;

  beforeAll(async () => {
    ({ deps, world } = await openSharingWorld(services, clock));
  });

  it("offers the secretariat every organisation and person as an audience, with the person's organisation", async () => {
    const choices = await listAudienceChoices(deps.db, world.actors.secretariat);
    expect(choices.organisations.map((o) => o.value).sort()).toEqual([world.orgA, world.orgB, world.orgX].sort());
    expect(choices.people.find((p) => p.value === world.people.memberA)?.label).toMatch(/（長崎県情報産業協会）$/);
    for (const actor of [world.actors.memberA, world.actors.speaker])
      await expect(listAudienceChoices(deps.db, actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAudienceChoices(deps.db, anonymous)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("offers a mailing the groups, the seminar and the published posts, to the secretariat only", async () => {
    await createPost(deps, world.actors.secretariat, { title: "公開", body: "本文", kind: "advisory", tlp: "CLEAR" });
    const choices = await listMailingChoices(deps, world.actors.secretariat);
    expect(choices.groups.map((g) => g.id)).toEqual([world.groupId]);
    expect(choices.events.map((e) => e.id)).toEqual([world.eventId]);
    expect(choices.posts.map((p) => p.title)).toEqual(["公開"]);
    expect(choices.people.length).toBeGreaterThan(0);
    await expect(listMailingChoices(deps, world.actors.memberA)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets the secretariat upload to any seminar and a speaker to their own; refuses everyone else", async () => {
    expect((await listMaterialUploadEvents(deps.db, world.actors.secretariat)).map((e) => e.id)).toEqual([
      world.eventId,
    ]);
    expect((await listMaterialUploadEvents(deps.db, world.actors.speaker)).map((e) => e.id)).toEqual([world.eventId]);
    const otherSpeaker: Actor = {
      ...world.actors.speaker,
      grants: [{ role: "speaker", scopeType: "event", scopeId: "another-event" }],
    };
    expect(await listMaterialUploadEvents(deps.db, otherSpeaker)).toEqual([]);
    await expect(listMaterialUploadEvents(deps.db, world.actors.memberA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listMaterialUploadEvents(deps.db, anonymous)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("shows a material's consent history and downloads to the secretariat, the material alone to its speaker", async () => {
    const { id } = await uploadMaterial(
      deps,
      world.actors.speaker,
      { eventId: world.eventId, title: "講演資料", speakerName: "講師 警部" },
      { name: "slides.pdf", bytes: await samplePdf("slides") },
    );
    const forSecretariat = await getMaterialOverview(deps.db, world.actors.secretariat, id);
    expect(forSecretariat).toMatchObject({ secretariat: true, history: [], downloads: [] });
    expect(forSecretariat.material.title).toBe("講演資料");
    const forSpeaker = await getMaterialOverview(deps.db, world.actors.speaker, id);
    expect(forSpeaker).toMatchObject({ secretariat: false, history: [], downloads: [] });
    // Members see nothing of it before the speaker consents: it does not exist for them.
    await expect(getMaterialOverview(deps.db, world.actors.memberA, id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("names the person who created a token as the author of what the token writes, not the token", async () => {
    const token: Actor = {
      kind: "token",
      tokenId: "tok-1",
      name: "連携",
      grants: [{ role: "secretariat", scopeType: "global", scopeId: null }],
      createdBy: world.actors.secretariat.userId,
    };
    const { id } = await createPost(deps, token, {
      title: "トークンから",
      body: "本文",
      kind: "advisory",
      tlp: "CLEAR",
    });
    const row = await deps.db.selectFrom("posts").select("created_by").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(world.actors.secretariat.userId);
    // A token made at the command line has no person behind it: it names itself.
    const cli = await createPost(
      deps,
      { ...token, tokenId: "tok-cli", createdBy: null },
      {
        title: "CLI から",
        body: "本文",
        kind: "advisory",
        tlp: "CLEAR",
      },
    );
    const cliRow = await deps.db
      .selectFrom("posts")
      .select("created_by")
      .where("id", "=", cli.id)
      .executeTakeFirstOrThrow();
    expect(cliRow.created_by).toBe("tok-cli");
  });
});

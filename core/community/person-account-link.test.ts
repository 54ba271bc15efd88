import { beforeAll, describe, expect, it } from "vitest";
import { getAccountOverview } from "../accounts/get-account-overview.ts";
import { fixedClock } from "../shared/clock.ts";
import { createPost } from "../sharing/create-post.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { loadViewer } from "../sharing/load-viewer.ts";
import { issuePersonalFeedToken, viewerForFeedToken } from "../sharing/personal-feed.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { getPerson } from "./get-person.ts";
import { linkPersonAccount } from "./link-person-account.ts";
import { listPersonLinkQueue } from "./list-person-link-queue.ts";
import { unlinkPersonAccount } from "./unlink-person-account.ts";

describe.each(testDatabases)("accounts linked to registry people on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-02-10T03:00:00.000Z");
  let world: SharingWorld;
  let redId: string;
  const deps = () => ({
    db: services.database.db,
    dialect: services.database.dialect,
    clock,
    storage: services.storage,
  });
  const seesRed = async (actor: SharingWorld["actors"]["named"]) =>
    (await listPosts(services.database.db, await loadViewer(services.database.db, actor))).items.some(
      (p) => p.id === redId,
    );

  beforeAll(async () => {
    world = await seedSharingWorld(services.database.db, services.database.dialect, clock);
    const sharing = { ...deps(), baseUrl: "http://localhost", secret: "s".repeat(32) };
    redId = (
      await createPost(sharing, world.actors.secretariat, {
        title: "赤井さんへ",
        body: "本文",
        kind: "advisory",
        tlp: "RED",
        audience: { people: [world.people.named] },
      })
    ).id;
  });

  it("the RED post reaches the linked person, and nobody else; unlinking takes it away at once", async () => {
    const { named, memberA, secretariat } = world.actors;
    expect(await seesRed(named)).toBe(true);
    expect(await seesRed(memberA)).toBe(false);
    // Both sides show the link.
    expect((await getPerson(deps(), secretariat, world.people.named)).account).toEqual({
      id: named.userId,
      name: named.name,
      email: named.email,
    });
    expect((await getAccountOverview({ db: services.database.db }, named)).person?.id).toBe(world.people.named);

    await expect(unlinkPersonAccount(deps(), memberA, world.people.named)).rejects.toMatchObject({ code: "forbidden" });
    await unlinkPersonAccount(deps(), secretariat, world.people.named);
    expect(await seesRed(named)).toBe(false);
    expect((await getPerson(deps(), secretariat, world.people.named)).account).toBeNull();
    expect((await getAccountOverview({ db: services.database.db }, named)).person).toBeNull();
    // The personal feed is rebuilt from the link too: RED shows as a notice only for a linked recipient.
    const token = await issuePersonalFeedToken(services.database.db, clock, named);
    expect((await viewerForFeedToken(services.database.db, clock, token)).personId).toBeNull();

    // The account's address is in the registry once, unlinked: it waits in the queue.
    const queue = await listPersonLinkQueue(deps(), secretariat);
    expect(queue.find((e) => e.userId === named.userId)?.candidates.map((c) => c.personId)).toEqual([
      world.people.named,
    ]);
    clock.advance(1000); // the audit log orders by time
    await linkPersonAccount(deps(), secretariat, world.people.named, { accountEmail: named.email.toUpperCase() });
    expect(await seesRed(named)).toBe(true);
    expect((await viewerForFeedToken(services.database.db, clock, token)).personId).toBe(world.people.named);
    expect((await listPersonLinkQueue(deps(), secretariat)).some((e) => e.userId === named.userId)).toBe(false);

    const audit = await services.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", world.people.named)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["person.unlink-account", "person.link-account"]);
  });

  it("refuses an unknown address, a person who has an account, and an account that is someone else", async () => {
    const { named, memberA, secretariat } = world.actors;
    const field = (code: string) => ({ fields: [expect.objectContaining({ field: "accountEmail", code })] });
    await expect(
      linkPersonAccount(deps(), secretariat, world.people.optedOut, { accountEmail: "nobody@example.jp" }),
    ).rejects.toMatchObject(field("community-account-unknown"));
    await expect(
      linkPersonAccount(deps(), secretariat, world.people.named, { accountEmail: memberA.email }),
    ).rejects.toMatchObject(field("community-person-has-account"));
    await expect(
      linkPersonAccount(deps(), secretariat, world.people.optedOut, { accountEmail: named.email }),
    ).rejects.toMatchObject(field("community-account-linked-elsewhere"));
    await expect(
      linkPersonAccount(deps(), secretariat, world.people.optedOut, { accountEmail: "not an address" }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await expect(
      linkPersonAccount(deps(), memberA, world.people.optedOut, { accountEmail: named.email }),
    ).rejects.toMatchObject({ code: "forbidden" });
    // The database holds the rule too: one account is one person.
    await expect(
      services.database.db
        .updateTable("people")
        .set({ user_id: named.userId })
        .where("id", "=", world.people.optedOut)
        .execute(),
    ).rejects.toThrow();
  });

  it("an address two people share waits for the secretariat, with both candidates", async () => {
    const { attendee, secretariat } = world.actors;
    const db = services.database.db;
    await unlinkPersonAccount(deps(), secretariat, world.people.attendee);
    const twin = await db
      .selectFrom("people")
      .selectAll()
      .where("id", "=", world.people.attendee)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("people")
      .values({ ...twin, id: "twin-person", family_name: "参加", given_name: "四郎（別部署）", user_id: null })
      .execute();
    const entry = (await listPersonLinkQueue(deps(), secretariat)).find((e) => e.userId === attendee.userId);
    expect(entry?.candidates.map((c) => c.personId).sort()).toEqual([world.people.attendee, "twin-person"].sort());
    await linkPersonAccount(deps(), secretariat, "twin-person", { userId: attendee.userId });
    expect((await listPersonLinkQueue(deps(), secretariat)).some((e) => e.userId === attendee.userId)).toBe(false);
    expect((await loadViewer(db, attendee)).personId).toBe("twin-person");
  });
});

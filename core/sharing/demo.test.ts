import { describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { anonymous } from "../accounts/actor.ts";
import { listMaterials } from "./list-materials.ts";
import { listPosts } from "./list-posts.ts";
import { loadViewer } from "./load-viewer.ts";
import { sharingDemo } from "./demo.ts";
import { seedSharingWorld } from "../../tests/fixtures/sharing-world.ts";

describe.each(testDatabases)("the sharing demo step on %s", (kind) => {
  const services = useTestServices(kind);

  it("relays the police flyers publicly, keeps one talk's slides for members and one pending, sends the seminar mailing; twice is once", async () => {
    const clock = fixedClock("2021-01-12T00:00:00.000Z");
    const db = services.database.db;
    const world = await seedSharingWorld(db, services.database.dialect, clock);
    const context = {
      db,
      dialect: services.database.dialect,
      clock,
      accounts: services.accounts,
      actor: { kind: "system" as const, name: "demo" },
      storage: services.storage,
      log: () => {},
    };
    await sharingDemo.run(context);
    await sharingDemo.run(context);
    const publicPosts = await listPosts(db, await loadViewer(db, anonymous));
    expect(publicPosts.items.map((p) => p.tlp)).toEqual(["CLEAR", "CLEAR"]);
    expect(await listMaterials(db, await loadViewer(db, anonymous))).toEqual([]);
    const member = await listMaterials(db, await loadViewer(db, world.actors.memberA));
    expect(member.map((m) => [m.title, m.canDownload])).toEqual([["長崎県内のサイバーセキュリティについて", false]]);
    expect(await listMaterials(db, await loadViewer(db, world.actors.secretariat))).toHaveLength(2);
    const mailings = await db.selectFrom("mailings").select(["status"]).execute();
    expect(mailings).toEqual([{ status: "sent" }]);
    const queued = await db
      .selectFrom("outbox_messages")
      .select("to_address")
      .where("kind", "=", "announcement")
      .execute();
    expect(queued.map((q) => q.to_address).sort()).toEqual([
      "hanako@trend.example",
      "red@nisa-member.example",
      "taro@nisa-member.example",
    ]);
  });
});

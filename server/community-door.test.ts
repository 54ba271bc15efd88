import { describe, expect, it } from "vitest";
import { createCommunity } from "../core/communities/create-community.ts";
import { systemClock } from "../core/shared/clock.ts";
import { testDatabases } from "../tests/support/databases.ts";
import { useTestServices } from "../tests/support/services.ts";
import { communityDoor } from "./community-door.ts";

describe.each(testDatabases)("the community door on %s", (kind) => {
  const services = useTestServices(kind);

  it("serves a community at its own host name, every other host the first community", async () => {
    const door = communityDoor(services, 0);
    expect((await door.servicesFor("saga.example.jp")).community.slug).toBe("default");
    const saga = await createCommunity(
      { root: services.database.root, clock: systemClock },
      { kind: "system", name: "cli" },
      {
        slug: "saga",
        name: "佐賀",
        host: "Saga.Example.jp",
      },
    );
    const scoped = await door.servicesFor("SAGA.example.jp");
    expect(scoped.community.id).toBe(saga.id);
    expect(scoped.database.db).not.toBe(services.database.db);
    expect(await door.servicesFor("saga.example.jp")).toBe(scoped);
    expect((await door.servicesFor("nagasaki.example.jp")).community.slug).toBe("default");
    expect((await door.servicesFor(undefined)).community.slug).toBe("default");
    // The new community's settings are its own.
    const settings = await scoped.database.db
      .selectFrom("app_settings")
      .select(["key", "value"])
      .orderBy("key")
      .execute();
    expect(settings).toEqual([
      { key: "community_name", value: "佐賀" },
      { key: "installed_at", value: saga.created_at },
    ]);
  });

  it("serves any community under /c/<slug>/, with that prefix as its pages' basename", async () => {
    const door = communityDoor(services, 0);
    expect(await door.open("chiiki.example.jp", "/c/saga/events")).toBeNull();
    const saga = await createCommunity(
      { root: services.database.root, clock: systemClock },
      { kind: "system", name: "cli" },
      { slug: "saga", name: "佐賀" },
    );
    // A community created a moment ago is found at once (a slug not known is looked for again).
    const opened = await communityDoor(services).open("chiiki.example.jp", "/c/SAGA/events");
    expect(opened?.services.community.id).toBe(saga.id);
    expect(opened?.basePath).toBe("/c/saga");
    expect(opened?.services.env.baseUrl).toBe(`${services.env.installationBaseUrl}/c/saga`);
    expect(await door.open("chiiki.example.jp", "/c/nosuch/")).toBeNull();
    const outside = await door.open("chiiki.example.jp", "/community/organisations");
    expect(outside).toMatchObject({ basePath: "" });
    expect(outside?.services.community.slug).toBe("default");
    expect(outside?.services.env.baseUrl).toBe(services.env.installationBaseUrl);
  });

  it("refuses a slug or host name already taken", async () => {
    const deps = { root: services.database.root, clock: systemClock };
    const cli = { kind: "system", name: "cli" } as const;
    await createCommunity(deps, cli, { slug: "saga", name: "佐賀" });
    await expect(createCommunity(deps, cli, { slug: "saga", name: "別" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createCommunity(deps, cli, { slug: "Bad Slug", name: "x" })).rejects.toMatchObject({
      code: "validation-failed",
    });
  });
});

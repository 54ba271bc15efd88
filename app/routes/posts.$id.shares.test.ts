/**
 * The secretariat's "share with communities" page (ADR 038) as a browser without JavaScript posts
 * it: the ticked communities are saved, RED is refused with its message, and the receiving
 * community's list and post page mark the post with its publisher.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "#core/communities/create-community.ts";
import { systemClock } from "#core/shared/clock.ts";
import { createPost } from "#core/sharing/create-post.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import type { Services } from "../../server/services.ts";
import { secretariatActor } from "../../tests/fixtures/actors.ts";
import { insertPerson } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { loader as postLoader } from "./posts.$id._index.tsx";
import { action, loader } from "./posts.$id.shares.tsx";
import { loader as listLoader } from "./posts._index.tsx";

const office = secretariatActor();

describe.each(testDatabases)("the share-with-communities page on %s", (kind) => {
  const services = useTestServices(kind);
  let saga: Services;
  let green: string;
  let red: string;

  beforeAll(async () => {
    const community = await createCommunity(
      { root: services.database.root, clock: systemClock },
      {
        kind: "system",
        name: "cli",
      },
      { slug: "saga", name: "佐賀県サイバーセキュリティ連絡会", nameEn: "Saga Cybersecurity Network" },
    );
    saga = services.forCommunity(community);
    const deps = sharingDepsFrom(services);
    green = (
      await createPost(deps, office, { title: "共有する注意喚起", body: "本文", kind: "advisory", tlp: "CLEAR" })
    ).id;
    const person = await insertPerson(services.database.db, { family_name: "長崎", given_name: "花子" });
    red = (
      await createPost(deps, office, {
        title: "名指し",
        body: "本文",
        kind: "advisory",
        tlp: "RED",
        audience: { organisations: [], people: [person] },
      })
    ).id;
  });

  it("saves the ticked communities, and the receiving community marks the post with its publisher", async () => {
    const page = await callRoute(loader, {
      services,
      actor: office,
      url: `/posts/${green}/shares`,
      params: { id: green },
    });
    expect(page.data.choices.map((c: { slug: string }) => c.slug)).toEqual(["saga"]);
    const saved = await callRoute(action, {
      services,
      actor: office,
      url: `/posts/${green}/shares`,
      params: { id: green },
      form: { communities: "saga" },
    });
    expect(saved.data).toEqual({ ok: true });

    const list = await callRoute(listLoader, { services: saga, actor: { kind: "anonymous" }, url: "/posts" });
    expect(
      list.data.posts.items.map((p: { id: string; sharedBy: { slug: string } }) => [p.id, p.sharedBy.slug]),
    ).toEqual([[green, "default"]]);
    const post = await callRoute(postLoader, {
      services: saga,
      actor: office,
      url: `/posts/${green}`,
      params: { id: green },
    });
    expect(post.data.secretariat).toBe(false);
    // Another community's secretariat cannot open the publisher's share page.
    const foreign = await callRoute(loader, {
      services: saga,
      actor: office,
      url: `/posts/${green}/shares`,
      params: { id: green },
    });
    expect(foreign.status).toBe(404);
  });

  it("refuses TLP:RED with its message", async () => {
    const refused = await callRoute(action, {
      services,
      actor: office,
      url: `/posts/${red}/shares`,
      params: { id: red },
      form: { communities: "saga" },
    });
    expect(refused.status).toBe(409);
    expect(refused.data.message).toContain("TLP:RED");
  });
});

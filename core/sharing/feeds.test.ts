import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { buildAtomFeed, xmlText } from "./build-atom-feed.ts";
import { createPost } from "./create-post.ts";
import { exportStixBundle, tlpMarkingIds } from "./export-stix.ts";
import { getPost } from "./get-post.ts";
import { loadViewer } from "./load-viewer.ts";
import {
  getPersonalFeedStatus,
  issuePersonalFeedToken,
  revokePersonalFeedToken,
  viewerForFeedToken,
} from "./personal-feed.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";

const stixSchema = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/sharing/stix-2.1-minimal.schema.json", import.meta.url), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateStix = ajv.compile(stixSchema);

describe.each(testDatabases)("feeds and STIX export on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-02-10T03:00:00.000Z");
  let world: SharingWorld;
  let redId = "";
  const DAY = 24 * 60 * 60 * 1000;
  const feedOptions = {
    baseUrl: "http://chiiki.test",
    selfUrl: "http://chiiki.test/feed.atom",
    title: "長崎地域SECURITY",
  };

  beforeAll(async () => {
    const deps = { db: services.database.db, clock };
    world = await seedSharingWorld(deps.db, services.database.dialect, clock);
    const sec = world.actors.secretariat;
    await createPost(deps, sec, {
      title: "フィッシング & <注意>",
      body: "b",
      summary: "偽の宅配業者SMS",
      kind: "advisory",
      tlp: "CLEAR",
      sourceOrganisation: "長崎県警察",
      sourceUrl: "https://www.police.pref.nagasaki.jp/",
      severity: "high",
    });
    clock.advance(1000);
    await createPost(deps, sec, { title: "会員向けの脆弱性情報", body: "b", kind: "advisory", tlp: "GREEN" });
    clock.advance(1000);
    await createPost(deps, sec, {
      title: "A社向け事案",
      summary: "A社の侵害の詳細",
      body: "b",
      kind: "case",
      tlp: "AMBER",
      audience: { organisations: [world.orgA] },
    });
    clock.advance(1000);
    redId = (
      await createPost(deps, sec, {
        title: "赤井さんだけの事案",
        summary: "赤井さんへの要約",
        body: "b",
        kind: "case",
        tlp: "RED",
        sourceOrganisation: "RED の情報源",
        audience: { people: [world.people.named] },
      })
    ).id;
    clock.advance(1000);
    await createPost(deps, sec, {
      title: "B社限定の注意喚起",
      body: "b",
      kind: "advisory",
      tlp: "AMBER+STRICT",
      audience: { organisations: [world.orgB] },
    });
    await createPost(deps, sec, {
      title: "下書きの注意喚起",
      body: "b",
      kind: "advisory",
      tlp: "CLEAR",
      status: "draft",
    });
  });

  const entryTitles = (xml: string) => {
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const entries = parsed.feed.entry === undefined ? [] : [parsed.feed.entry].flat();
    return entries.map((e: { title: string }) => e.title);
  };

  it("/feed.atom carries CLEAR posts only, escaped, and well formed", async () => {
    const xml = await buildAtomFeed(
      services.database.db,
      await loadViewer(services.database.db, anonymous),
      feedOptions,
    );
    expect(entryTitles(xml)).toEqual(["[TLP:CLEAR] フィッシング & <注意>"]);
    expect(xml).toContain("フィッシング &amp; &lt;注意&gt;");
  });

  it("a personal feed shows what its owner may see, and a new token revokes the old", async () => {
    const db = services.database.db;
    const first = await issuePersonalFeedToken(db, clock, world.actors.memberA);
    const xml = await buildAtomFeed(db, await viewerForFeedToken(db, clock, first), feedOptions);
    expect(entryTitles(xml)).toEqual([
      "[TLP:AMBER] A社向け事案",
      "[TLP:GREEN] 会員向けの脆弱性情報",
      "[TLP:CLEAR] フィッシング & <注意>",
    ]);
    const second = await issuePersonalFeedToken(db, clock, world.actors.memberA);
    await expect(viewerForFeedToken(db, clock, first)).rejects.toMatchObject({ code: "not-found" });
    expect((await viewerForFeedToken(db, clock, second)).organisationIds).toEqual([world.orgA]);
    const secretariatFeed = await buildAtomFeed(
      db,
      await viewerForFeedToken(db, clock, await issuePersonalFeedToken(db, clock, world.actors.secretariat)),
      feedOptions,
    );
    expect(entryTitles(secretariatFeed)).toHaveLength(5);
  });

  it("a personal feed never carries TLP:RED content, and TLP:AMBER only as a title", async () => {
    const db = services.database.db;
    const token = await issuePersonalFeedToken(db, clock, world.actors.secretariat);
    const xml = await buildAtomFeed(db, await viewerForFeedToken(db, clock, token), feedOptions);
    expect(xml).not.toContain("赤井さんだけの事案");
    expect(xml).not.toContain("赤井さんへの要約");
    expect(xml).not.toContain("RED の情報源");
    expect(entryTitles(xml)).toContain("[TLP:RED] TLP:RED の新しい情報があります — サインインして読んでください");
    const red = new XMLParser({ ignoreAttributes: false })
      .parse(xml)
      .feed.entry.find((e: { title: string }) => e.title.startsWith("[TLP:RED]"));
    expect(red.link["@_href"]).toBe(`http://chiiki.test/posts/${redId}`);
    expect(xml).toContain("A社向け事案");
    expect(xml).not.toContain("A社の侵害の詳細");
    expect(xml).toContain("TLP:AMBER の情報です。内容はサインインして読んでください。");
    expect(xml).toContain("偽の宅配業者SMS");
  });

  it("feed URLs can be revoked, and expire after 90 days unused; every use renews them (with audit records)", async () => {
    const db = services.database.db;
    const owner = world.actors.memberA;
    const token = await issuePersonalFeedToken(db, clock, owner);
    clock.advance(89 * DAY);
    await viewerForFeedToken(db, clock, token);
    clock.advance(89 * DAY);
    expect((await viewerForFeedToken(db, clock, token)).organisationIds).toEqual([world.orgA]);
    expect(await getPersonalFeedStatus(db, clock, owner)).toMatchObject({
      expired: false,
      lastUsedAt: clock.now().toISOString(),
    });
    clock.advance(90 * DAY);
    await expect(viewerForFeedToken(db, clock, token)).rejects.toMatchObject({
      code: "personal-feed-expired",
      status: 410,
    });
    expect(await getPersonalFeedStatus(db, clock, owner)).toMatchObject({ expired: true });

    const fresh = await issuePersonalFeedToken(db, clock, owner);
    await expect(viewerForFeedToken(db, clock, token)).rejects.toMatchObject({ code: "not-found" });
    await viewerForFeedToken(db, clock, fresh);
    expect(await revokePersonalFeedToken(db, clock, owner)).toEqual({ revoked: true });
    await expect(viewerForFeedToken(db, clock, fresh)).rejects.toMatchObject({ code: "not-found" });
    expect(await getPersonalFeedStatus(db, clock, owner)).toBeNull();
    expect(await revokePersonalFeedToken(db, clock, owner)).toEqual({ revoked: false });

    const stored = await db.selectFrom("personal_feed_tokens").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(fresh);
    const actions = await db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "personal-feed.%")
      .where("entity_id", "=", owner.userId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["personal-feed.issue", "personal-feed.rotate", "personal-feed.revoke"]),
    );
  });

  it("the Atom feed parses even when posts hold characters XML forbids", async () => {
    const db = services.database.db;
    const deps = { db, clock };
    const { id } = await createPost(deps, world.actors.secretariat, {
      title: "制御\u0001文字\u000b\u001f",
      summary: "要約\u0002\ufffe終わり",
      body: "b",
      kind: "news",
      tlp: "CLEAR",
      sourceOrganisation: "出典\u0008",
    });
    const xml = await buildAtomFeed(db, await loadViewer(db, anonymous), feedOptions);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(entryTitles(xml)).toContain("[TLP:CLEAR] 制御文字");
    expect(xml).toContain("要約終わり");
    expect(xmlText("a\ud800b\uffffc\u0000d\u{1f512}\t\n")).toBe("abcd\u{1f512}\t\n");
    await db.deleteFrom("posts").where("id", "=", id).execute();
  });

  it("exports the advisories a viewer may see as a valid STIX 2.1 bundle with the official TLP 2.0 markings", async () => {
    const db = services.database.db;
    const bundle = await exportStixBundle(db, await loadViewer(db, world.actors.memberB), {
      baseUrl: "http://chiiki.test",
      communityName: "長崎地域SECURITY",
      now: clock.now(),
    });
    const valid = validateStix(JSON.parse(JSON.stringify(bundle)));
    expect(validateStix.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const reports = bundle.objects.filter((o) => o.type === "report") as {
      name: string;
      object_marking_refs: string[];
    }[];
    expect(reports.map((r) => r.name).sort()).toEqual(
      ["B社限定の注意喚起", "フィッシング & <注意>", "会員向けの脆弱性情報"].sort(),
    );
    const strict = reports.find((r) => r.name === "B社限定の注意喚起")!;
    expect(strict.object_marking_refs).toEqual(["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]);
    const markings = bundle.objects
      .filter((o) => o.type === "marking-definition")
      .map((o) => o.id)
      .sort();
    expect(markings).toEqual([tlpMarkingIds.CLEAR, tlpMarkingIds.GREEN, tlpMarkingIds["AMBER+STRICT"]].sort());
    const publicBundle = await exportStixBundle(db, await loadViewer(db, anonymous), {
      baseUrl: "http://chiiki.test",
      communityName: "x",
      now: clock.now(),
    });
    expect(publicBundle.objects.filter((o) => o.type === "report")).toHaveLength(1);
  });

  it("never hands out a stored link that is not http(s): not in STIX, not on the post", async () => {
    const db = services.database.db;
    const now = clock.now().toISOString();
    // As a feed item stored one before links were checked.
    await db
      .insertInto("posts")
      .values({
        id: "legacy-js-link",
        kind: "advisory",
        title: "古い取り込み",
        summary: "",
        body: "b",
        source_organisation: "どこか",
        source_url: "javascript:alert(document.cookie)",
        severity: null,
        affected_products: null,
        what_to_do: null,
        tlp: "CLEAR",
        audience_organisation_ids: "[]",
        audience_person_ids: "[]",
        status: "published",
        feed_subscription_id: null,
        feed_item_guid: null,
        search_text: "",
        created_by: null,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .execute();
    const bundle = await exportStixBundle(db, await loadViewer(db, anonymous), {
      baseUrl: "http://chiiki.test",
      communityName: "x",
      now: clock.now(),
    });
    const report = bundle.objects.find((o) => o.type === "report" && "name" in o && o.name === "古い取り込み") as {
      external_references: { url: string }[];
    };
    expect(report.external_references.map((r) => r.url)).toEqual(["http://chiiki.test/posts/legacy-js-link"]);
    expect((await getPost(db, await loadViewer(db, anonymous), "legacy-js-link")).sourceUrl).toBeNull();
    await db.deleteFrom("posts").where("id", "=", "legacy-js-link").execute();
  });

  it("the schema rejects what the spec forbids (so the check above can fail)", () => {
    expect(validateStix({ type: "bundle", id: "bundle--not-a-uuid", objects: [] })).toBe(false);
    expect(
      validateStix({
        type: "bundle",
        id: "bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
        objects: [
          {
            type: "report",
            spec_version: "2.1",
            id: "report--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
            created: "2021-01-01T00:00:00Z",
            modified: "2021-01-01T00:00:00Z",
            name: "r",
            published: "2021-01-01T00:00:00Z",
            object_refs: [],
          },
        ],
      }),
    ).toBe(false);
    expect(
      validateStix({
        type: "bundle",
        id: "bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
        objects: [
          {
            type: "indicator",
            spec_version: "2.1",
            id: "indicator--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
            created: "2021-01-01T00:00:00Z",
            modified: "2021-01-01T00:00:00Z",
            pattern: "[url:value = 'http://x']",
            pattern_type: "stix",
            valid_from: "2021-01-01T00:00:00Z",
          },
        ],
      }),
    ).toBe(true);
  });
});

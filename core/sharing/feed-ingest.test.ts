import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { dismissFeedGap, fetchFeeds, gapOf, subscribeFeed } from "./feed-subscriptions.ts";
import { parseFeed, readFeed } from "./parse-feed.ts";
import { type FeedNetwork, publicInternet } from "./fetch-feed-document.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/sharing/${name}`, import.meta.url), "utf8");
/** Real published files (tests/fixtures/real/README.md says where each comes from). */
const real = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/real/feeds/${name}`, import.meta.url), "utf8");

describe("parseFeed", () => {
  it("reads RSS 1.0 (RDF), RSS 2.0 and Atom, with HTML in descriptions reduced to text", () => {
    const jvn = parseFeed(fixture("jvn-rdf.xml"));
    expect(jvn).toHaveLength(2);
    expect(jvn[0]).toMatchObject({
      guid: "https://jvndb.jvn.jp/ja/contents/2021/JVNDB-2021-000001.html",
      text: "Example Router には、 クロスサイトスクリプティング の脆弱性が存在します。",
      published: "2021-01-20T03:00:00.000Z",
    });
    expect(parseFeed(fixture("ipa-rss2.xml"))[0]).toMatchObject({
      guid: "ipa-20210210-ms",
      published: "2021-02-10T03:00:00.000Z",
    });
    expect(parseFeed(fixture("jpcert-atom.xml"))[0]).toMatchObject({
      guid: "tag:jpcert.example,2021:emotet",
      link: "https://www.jpcert.or.jp/at/2019/at190044.html",
    });
    expect(() => parseFeed("<html><body>not a feed</body></html>")).toThrow();
  });

  it("reads JPCERT/CC's and IPA's feeds in the RSS 1.0 layout of their .rdf addresses", () => {
    // Hand-made in the layout of jpcert-all.rdf and security-alert/rss.rdf: no saved copy is public
    // (docs/real-world-files.md).
    expect(parseFeed(fixture("jpcert-rdf.xml"))).toMatchObject([
      {
        guid: "https://www.jpcert.or.jp/at/2024/at240001.html",
        link: "https://www.jpcert.or.jp/at/2024/at240001.html",
        published: "2024-01-10T02:50:00.000Z",
      },
      // A day without a time is that day in Japan.
      { guid: "https://www.jpcert.or.jp/wr/2024/wr240101.html", published: "2024-01-09T15:00:00.000Z" },
    ]);
    expect(parseFeed(fixture("ipa-rdf.xml"))).toMatchObject([
      {
        title: "Microsoft 製品の脆弱性対策について(2024年1月)",
        text: "",
        published: "2024-01-10T01:00:00.000Z",
      },
    ]);
  });

  it("keeps JVN's CVE ids, CVSS and CPE products, and the TLP marking it declares (MyJVN getVulnOverviewList)", () => {
    const feed = readFeed(real("myjvn-getVulnOverviewList-hnd.rdf"));
    // JVN writes TLP 1.0's WHITE in sec:handling; TLP 2.0 calls it CLEAR.
    expect(feed.tlp).toBe("CLEAR");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: "https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-002953.html",
      identifier: "JVNDB-2025-002953",
      cves: ["CVE-2025-31084"],
      cvss: [
        { version: "3.0", score: 9.8, severity: "Critical", vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
      ],
      products: [
        {
          vendor: "Sunshine Photo Cart",
          product: "Sunshine Photo Cart",
          cpe: "cpe:/a:sunshinephotocart:sunshine_photo_cart",
        },
      ],
      published: "2025-04-04T05:45:58.000Z",
    });
    // The second item has two products and no CVSS score.
    expect(feed.items[1]?.products.map((p) => p.cpe)).toEqual([
      "cpe:/a:rockwellautomation:industrial_data_center_%28idc%29_with_veeam",
      "cpe:/a:rockwellautomation:versavirtual_appliance_%28vva%29_with_veeam",
    ]);
    expect(feed.items[1]?.cvss).toEqual([]);
  });

  it("reads MyJVN's Atom alert list with its marking and nested products", () => {
    const feed = readFeed(real("myjvn-getAlertList-hnd.xml"));
    expect(feed.tlp).toBe("CLEAR");
    expect(feed.items.map((i) => i.guid)).toEqual(["MYJVN-ALT-2025-0000", "MYJVN-ALT-2025-0011"]);
    expect(feed.items[1]?.products.map((p) => p.cpe)).toEqual(["cpe:/a:wordpress:wordpress"]);
  });

  it("says where and why a document is not well-formed XML (JVN's own example leaves an attribute unquoted)", () => {
    expect(() => readFeed(real("jvndb-rss-hnd.rdf"))).toThrow(
      expect.objectContaining({ reason: "malformed", detail: expect.stringMatching(/^116:3 .*retCd/) }),
    );
    expect(() => readFeed("<rss><channel><item><title>x</item></channel></rss>")).toThrow(
      expect.objectContaining({ reason: "malformed" }),
    );
    expect(() => readFeed("<html><body>not a feed</body></html>")).toThrow(
      expect.objectContaining({ reason: "unreadable" }),
    );
  });

  it("flags a gap only when even the oldest item is newer than the last good fetch", () => {
    const items = parseFeed(fixture("jvn-rdf.xml")); // 2021-01-20T03:00Z and 2021-01-22T03:00Z
    expect(gapOf(items, null)).toBeNull();
    expect(gapOf(items, "2021-01-21T00:00:00.000Z")).toBeNull();
    expect(gapOf(items, "2021-01-19T00:00:00.000Z")).toEqual({
      from: "2021-01-19T00:00:00.000Z",
      until: "2021-01-20T03:00:00.000Z",
    });
    // An undated item could be older than anything: no gap is claimed.
    expect(gapOf([...items, { ...items[0]!, published: null }], "2021-01-19T00:00:00.000Z")).toBeNull();
  });

  it("keeps an item's link only when it is http(s): a javascript: link is dropped", () => {
    const rss = (link: string) =>
      `<rss><channel><item><title>t</title><guid>g</guid><link>${link}</link></item></channel></rss>`;
    expect(parseFeed(rss("javascript:alert(document.cookie)"))[0]?.link).toBeNull();
    expect(parseFeed(rss(" JavaScript:alert(1)"))[0]?.link).toBeNull();
    expect(parseFeed(rss("data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"))[0]?.link).toBeNull();
    expect(parseFeed(rss("https://jvn.jp/vu/JVNVU1/"))[0]?.link).toBe("https://jvn.jp/vu/JVNVU1/");
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>t</title><link href="javascript:alert(1)"/></entry></feed>';
    expect(parseFeed(atom)[0]?.link).toBeNull();
  });
});

/**
 * Traffic here goes only to 127.0.0.0/8: 127.0.0.2 stands in for the public internet (the injected
 * network allows it and nothing else of loopback), 127.0.0.1 for an internal service that must never
 * be asked anything.
 */
const PUBLIC_STAND_IN = "127.0.0.2";

describe.each(testDatabases)("feed ingest on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-02-10T03:00:00.000Z");
  let world: SharingWorld;
  let server: Server;
  let internal: Server;
  let internalHits = 0;
  let base = "";
  let internalBase = "";
  const served: Record<string, string> = {
    "/jvn.rdf": fixture("jvn-rdf.xml"),
    "/myjvn.rdf": real("myjvn-getVulnOverviewList-hnd.rdf"),
    "/jvndb.rdf": real("jvndb-rss-hnd.rdf"),
    "/jpcert.atom": fixture("jpcert-atom.xml"),
    "/ipa.rss": fixture("ipa-rss2.xml"),
    "/evil.rss":
      "<rss><channel><item><title>罠</title><guid>evil-1</guid><link>javascript:alert(document.cookie)</link></item></channel></rss>",
  };
  const network: FeedNetwork = {
    ...publicInternet,
    allowAddress: (address) => address === PUBLIC_STAND_IN || publicInternet.allowAddress(address),
    allowPort: () => true,
    resolve: async (hostname) => {
      if (hostname === "rebind.example") return [{ address: "127.0.0.1", family: 4 }];
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    },
  };

  beforeAll(async () => {
    world = await seedSharingWorld(services.database.db, services.database.dialect, clock);
    server = createServer((req, res) => {
      if (req.url?.startsWith("/to-internal")) return res.writeHead(302, { Location: `${internalBase}/secret` }).end();
      const body = served[req.url ?? ""];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8" }).end(body);
    });
    internal = createServer((_req, res) => {
      internalHits++;
      res
        .writeHead(200, { "Content-Type": "application/xml" })
        .end("<rss><channel><item><title>内部</title><guid>i</guid></item></channel></rss>");
    });
    await new Promise<void>((resolve) => server.listen(0, PUBLIC_STAND_IN, resolve));
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    base = `http://${PUBLIC_STAND_IN}:${(server.address() as AddressInfo).port}`;
    internalBase = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => internal.close(() => resolve()));
  });

  it("adds new items as drafts once, records a failing feed and goes on", async () => {
    const deps = { db: services.database.db, clock, feedNetwork: network };
    const sec = world.actors.secretariat;
    await subscribeFeed(deps, sec, { title: "JVN iPedia", url: `${base}/jvn.rdf` });
    await subscribeFeed(deps, sec, { title: "JPCERT/CC", url: `${base}/jpcert.atom` });
    await subscribeFeed(deps, sec, { title: "消えたフィード", url: `${base}/gone.xml` });
    await expect(subscribeFeed(deps, sec, { title: "JVN", url: `${base}/jvn.rdf` })).rejects.toMatchObject({
      fields: [expect.objectContaining({ code: "sharing-feed-duplicate" })],
    });
    await expect(
      subscribeFeed(deps, world.actors.memberA, { title: "x", url: `${base}/ipa.rss` }),
    ).rejects.toMatchObject({ code: "forbidden" });

    expect(await fetchFeeds(deps, sec)).toEqual({ added: 3, failed: 1, gaps: 0 });
    expect(await fetchFeeds(deps, sec)).toEqual({ added: 0, failed: 1, gaps: 0 });
    const drafts = await services.database.db.selectFrom("posts").selectAll().orderBy("title").execute();
    expect(drafts.map((d) => d.source_organisation).sort()).toEqual(["JPCERT/CC", "JVN iPedia", "JVN iPedia"]);
    expect(drafts.every((d) => d.status === "draft" && d.tlp === "CLEAR")).toBe(true);
    const failing = await services.database.db
      .selectFrom("feed_subscriptions")
      .selectAll()
      .where("title", "=", "消えたフィード")
      .executeTakeFirstOrThrow();
    expect([failing.last_error, failing.last_error_detail]).toEqual(["status", "404"]);
  });

  it("refuses internal addresses at subscription, and at fetch time for literal, redirected and resolved ones", async () => {
    const db = services.database.db;
    const deps = { db, clock, feedNetwork: network };
    const sec = world.actors.secretariat;
    // The production network: the form refuses a literal internal address or an odd port at once.
    for (const url of [
      `${internalBase}/`,
      "http://2130706433/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
    ]) {
      await expect(subscribeFeed({ db, clock }, sec, { title: "内部", url }), url).rejects.toMatchObject({
        fields: [expect.objectContaining({ field: "url", code: "sharing-feed-refused-address" })],
      });
    }
    await expect(
      subscribeFeed({ db, clock }, sec, { title: "x", url: "http://feed.example:6379/" }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: "sharing-feed-refused-port" })] });
    await expect(subscribeFeed({ db, clock }, sec, { title: "x", url: "javascript:alert(1)" })).rejects.toMatchObject({
      fields: [expect.objectContaining({ code: "sharing-url" })],
    });

    await db.deleteFrom("posts").execute();
    await db.deleteFrom("feed_subscriptions").execute();
    await subscribeFeed(deps, sec, { title: "転送", url: `${base}/to-internal` });
    await subscribeFeed(deps, sec, {
      title: "名前解決",
      url: `http://rebind.example:${(internal.address() as AddressInfo).port}/`,
    });
    await subscribeFeed(deps, sec, { title: "罠のリンク", url: `${base}/evil.rss` });
    // A subscription stored before the check (or by other means) is refused when it is fetched.
    await db
      .insertInto("feed_subscriptions")
      .values({
        id: "legacy",
        title: "昔の登録",
        url: `${internalBase}/`,
        default_tlp: "CLEAR",
        last_fetched_at: null,
        last_succeeded_at: null,
        last_error: null,
        last_error_detail: null,
        gap_from: null,
        gap_until: null,
        created_at: clock.now().toISOString(),
      })
      .execute();

    expect(await fetchFeeds(deps, sec)).toEqual({ added: 1, failed: 3, gaps: 0 });
    expect(internalHits).toBe(0);
    const rows = await db
      .selectFrom("feed_subscriptions")
      .select(["title", "last_error", "last_error_detail"])
      .orderBy("title")
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { title: "転送", last_error: "address", last_error_detail: "127.0.0.1" },
        { title: "名前解決", last_error: "address", last_error_detail: "127.0.0.1" },
        { title: "昔の登録", last_error: "address", last_error_detail: "127.0.0.1" },
        { title: "罠のリンク", last_error: null, last_error_detail: null },
      ]),
    );
    const trap = await db.selectFrom("posts").select(["title", "source_url"]).executeTakeFirstOrThrow();
    expect(trap).toEqual({ title: "罠", source_url: null });
  });

  it("drafts keep CVE, CVSS and CPE, take the feed's marking; a malformed feed is reported; a gap is flagged", async () => {
    const db = services.database.db;
    const later = fixedClock("2025-05-01T00:00:00.000Z");
    const deps = { db, clock: later, feedNetwork: network };
    const sec = world.actors.secretariat;
    await db.deleteFrom("posts").execute();
    await db.deleteFrom("feed_subscriptions").execute();
    // The subscription's default says AMBER; the feed marks itself WHITE (CLEAR), and that wins.
    const { id } = await subscribeFeed(deps, sec, { title: "MyJVN", url: `${base}/myjvn.rdf`, defaultTlp: "AMBER" });
    await subscribeFeed(deps, sec, { title: "JVNDB", url: `${base}/jvndb.rdf` });
    expect(await fetchFeeds(deps, sec)).toEqual({ added: 2, failed: 1, gaps: 0 });
    const draft = await db
      .selectFrom("posts")
      .selectAll()
      .where("feed_item_guid", "=", "https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-002953.html")
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: "draft", tlp: "CLEAR", severity: "critical" });
    expect(draft.affected_products).toBe(
      "Sunshine Photo Cart Sunshine Photo Cart (cpe:/a:sunshinephotocart:sunshine_photo_cart)",
    );
    expect(draft.body).toContain("- CVE-2025-31084");
    expect(draft.body).toContain("CVSS 3.0 9.8 Critical `CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`");
    expect(draft.search_text).toContain("cve-2025-31084");
    const broken = await db
      .selectFrom("feed_subscriptions")
      .selectAll()
      .where("title", "=", "JVNDB")
      .executeTakeFirstOrThrow();
    expect(broken.last_error).toBe("malformed");
    expect(broken.last_error_detail).toMatch(/^116:3 /);
    expect(broken.last_succeeded_at).toBeNull();

    // Pretend the last good fetch was long before the oldest item the feed still holds.
    await db
      .updateTable("feed_subscriptions")
      .set({ last_succeeded_at: "2025-03-01T00:00:00.000Z" })
      .where("id", "=", id)
      .execute();
    expect(await fetchFeeds(deps, sec)).toEqual({ added: 0, failed: 1, gaps: 1 });
    const gapped = await db.selectFrom("feed_subscriptions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([gapped.gap_from, gapped.gap_until]).toEqual(["2025-03-01T00:00:00.000Z", "2025-04-03T03:27:09.000Z"]);
    expect(gapped.last_succeeded_at).toBe(later.now().toISOString());
    // A later fetch that overlaps does not clear it; the secretariat does, and that is logged.
    expect(await fetchFeeds(deps, sec)).toMatchObject({ gaps: 0 });
    expect(
      (await db.selectFrom("feed_subscriptions").select("gap_from").where("id", "=", id).executeTakeFirstOrThrow())
        .gap_from,
    ).not.toBeNull();
    await expect(dismissFeedGap(deps, world.actors.memberA, id)).rejects.toMatchObject({ code: "forbidden" });
    await dismissFeedGap(deps, sec, id);
    const audit = await db.selectFrom("audit_events").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["feed.gap", "feed.gap-dismiss", "feed.subscribe"]);
  });
});

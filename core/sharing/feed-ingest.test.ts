import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { fetchFeeds, parseFeed, subscribeFeed } from "./feed-subscriptions.ts";
import { type FeedNetwork, publicInternet } from "./fetch-feed-document.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/sharing/${name}`, import.meta.url), "utf8");

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

    expect(await fetchFeeds(deps, sec)).toEqual({ added: 3, failed: 1 });
    expect(await fetchFeeds(deps, sec)).toEqual({ added: 0, failed: 1 });
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
        last_error: null,
        last_error_detail: null,
        created_at: clock.now().toISOString(),
      })
      .execute();

    expect(await fetchFeeds(deps, sec)).toEqual({ added: 1, failed: 3 });
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
});

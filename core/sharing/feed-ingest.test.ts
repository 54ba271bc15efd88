import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { fetchFeeds, parseFeed, subscribeFeed } from "./feed-subscriptions.ts";
import { seedSharingWorld, type SharingWorld } from "./testing.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseFeed", () => {
  it("reads RSS 1.0 (RDF), RSS 2.0 and Atom, with HTML in descriptions reduced to text", () => {
    const jvn = parseFeed(fixture("jvn-rdf.xml"));
    expect(jvn).toHaveLength(2);
    expect(jvn[0]).toMatchObject({ guid: "https://jvndb.jvn.jp/ja/contents/2021/JVNDB-2021-000001.html", text: "Example Router には、 クロスサイトスクリプティング の脆弱性が存在します。", published: "2021-01-20T03:00:00.000Z" });
    expect(parseFeed(fixture("ipa-rss2.xml"))[0]).toMatchObject({ guid: "ipa-20210210-ms", published: "2021-02-10T03:00:00.000Z" });
    expect(parseFeed(fixture("jpcert-atom.xml"))[0]).toMatchObject({ guid: "tag:jpcert.example,2021:emotet", link: "https://www.jpcert.or.jp/at/2019/at190044.html" });
    expect(() => parseFeed("<html><body>not a feed</body></html>")).toThrow();
  });
});

describe.each(testDatabases)("feed ingest on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-02-10T03:00:00.000Z");
  let world: SharingWorld;
  let server: Server;
  let base = "";
  const served: Record<string, string> = { "/jvn.rdf": fixture("jvn-rdf.xml"), "/jpcert.atom": fixture("jpcert-atom.xml"), "/ipa.rss": fixture("ipa-rss2.xml") };

  beforeAll(async () => {
    world = await seedSharingWorld(services.database.db, services.database.dialect, clock);
    server = createServer((req, res) => {
      const body = served[req.url ?? ""];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("adds new items as drafts once, records a failing feed and goes on", async () => {
    const deps = { db: services.database.db, clock };
    const sec = world.actors.secretariat;
    await subscribeFeed(deps, sec, { title: "JVN iPedia", url: `${base}/jvn.rdf` });
    await subscribeFeed(deps, sec, { title: "JPCERT/CC", url: `${base}/jpcert.atom` });
    await subscribeFeed(deps, sec, { title: "消えたフィード", url: `${base}/gone.xml` });
    await expect(subscribeFeed(deps, sec, { title: "JVN", url: `${base}/jvn.rdf` })).rejects.toMatchObject({ fields: [expect.objectContaining({ code: "sharing-feed-duplicate" })] });
    await expect(subscribeFeed(deps, world.actors.memberA, { title: "x", url: `${base}/ipa.rss` })).rejects.toMatchObject({ code: "forbidden" });

    expect(await fetchFeeds(deps, sec)).toEqual({ added: 3, failed: 1 });
    expect(await fetchFeeds(deps, sec)).toEqual({ added: 0, failed: 1 });
    const drafts = await services.database.db.selectFrom("posts").selectAll().orderBy("title").execute();
    expect(drafts.map((d) => d.source_organisation).sort()).toEqual(["JPCERT/CC", "JVN iPedia", "JVN iPedia"]);
    expect(drafts.every((d) => d.status === "draft" && d.tlp === "CLEAR")).toBe(true);
    const failing = await services.database.db.selectFrom("feed_subscriptions").selectAll().where("title", "=", "消えたフィード").executeTakeFirstOrThrow();
    expect(failing.last_error).toBe("HTTP 404");
  });
});

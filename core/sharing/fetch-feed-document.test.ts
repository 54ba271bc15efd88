import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  FeedFetchError,
  type FeedNetwork,
  fetchFeedDocument,
  isPublicAddress,
  publicInternet,
  refusalOf,
  type ResolvedAddress,
} from "./fetch-feed-document.ts";

/**
 * Traffic in these tests goes only to 127.0.0.0/8. 127.0.0.2 stands in for "the public internet"
 * (an injected policy allows it and nothing else of loopback); 127.0.0.1 plays the internal service
 * the server must never reach, and counts every request it gets.
 */
const PUBLIC_STAND_IN = "127.0.0.2";
const INTERNAL = "127.0.0.1";

const listen = async (host: string, handler: RequestListener) => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
};

const dnsAnswers: Record<string, string[]> = {};
const testNetwork = (overrides: Partial<FeedNetwork> = {}): FeedNetwork => ({
  ...publicInternet,
  allowAddress: (address) => address === PUBLIC_STAND_IN || publicInternet.allowAddress(address),
  allowPort: () => true,
  resolve: async (hostname): Promise<ResolvedAddress[]> => {
    const answers = dnsAnswers[hostname];
    if (!answers) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  },
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedFetchError) return { reason: error.reason, detail: error.detail };
    throw error;
  }
  throw new Error("the fetch was not refused");
};

describe("isPublicAddress (ipaddr.js ranges)", () => {
  it("refuses loopback, metadata, private, CGNAT, unique-local, link-local, unspecified, multicast and mapped forms", () => {
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "0.0.0.0",
      "0.1.2.3",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "224.0.0.1",
      "255.255.255.255",
      "192.0.2.1",
      "::1",
      "::",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "64:ff9b::a00:1",
      "2002:7f00:1::",
      "not an address",
      "",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "172.32.0.1"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses from the URL alone: other schemes, other ports, and literal internal addresses in any spelling", () => {
    const refused = (url: string) => refusalOf(url, publicInternet)?.reason ?? null;
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.1.2.3/",
      "http://[fe80::1]/",
      "http://0.0.0.0/",
      "http://100.64.1.1/",
      "http://[fd00::1]/",
    ]) {
      expect(refused(url), url).toBe("address");
    }
    expect(refused("http://feed.example:22/")).toBe("port");
    expect(refused("http://feed.example:8080/")).toBe("port");
    expect(refused("ftp://feed.example/")).toBe("scheme");
    expect(refused("file:///etc/passwd")).toBe("scheme");
    expect(refused("https://feed.example/rss")).toBeNull();
    expect(refused("http://93.184.216.34/rss")).toBeNull();
  });
});

describe("fetchFeedDocument", () => {
  let internal: Server;
  let internalPort = 0;
  let internalHits = 0;
  let outside: Server;
  let outsidePort = 0;

  beforeAll(async () => {
    ({ server: internal, port: internalPort } = await listen(INTERNAL, (_req, res) => {
      internalHits++;
      res
        .writeHead(200, { "Content-Type": "application/xml" })
        .end("<rss><channel><item><title>secret</title></item></channel></rss>");
    }));
    ({ server: outside, port: outsidePort } = await listen(PUBLIC_STAND_IN, (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/feed") return res.writeHead(200, { "Content-Type": "application/xml" }).end("<rss/>");
      if (url.pathname === "/redirect")
        return res.writeHead(302, { Location: url.searchParams.get("to") ?? "/" }).end();
      if (url.pathname === "/loop") return res.writeHead(301, { Location: "/loop" }).end();
      if (url.pathname === "/big") return res.writeHead(200).end("x".repeat(20_000));
      if (url.pathname === "/gzip-bomb") {
        return res.writeHead(200, { "Content-Encoding": "gzip" }).end(gzipSync(Buffer.alloc(2_000_000, 32)));
      }
      if (url.pathname === "/slow") return void res.writeHead(200).write("<rss>");
      return res.writeHead(404).end();
    }));
    dnsAnswers["feed.example"] = [PUBLIC_STAND_IN];
    dnsAnswers["internal.example"] = [INTERNAL];
    dnsAnswers["mixed.example"] = [PUBLIC_STAND_IN, INTERNAL];
    dnsAnswers["mapped.example"] = ["::ffff:127.0.0.1"];
    dnsAnswers["metadata.example"] = ["169.254.169.254"];
  });
  afterAll(async () => {
    internal.closeAllConnections();
    outside.closeAllConnections();
    await Promise.all([internal, outside].map((s) => new Promise((resolve) => s.close(resolve))));
  });
  beforeEach(() => {
    internalHits = 0;
  });

  it("fetches an allowed address, connecting to the address the injected resolver gave", async () => {
    expect(await fetchFeedDocument(`http://${PUBLIC_STAND_IN}:${outsidePort}/feed`, testNetwork())).toBe("<rss/>");
    expect(await fetchFeedDocument(`http://feed.example:${outsidePort}/feed`, testNetwork())).toBe("<rss/>");
  });

  it("refuses a local server on 127.0.0.1 under the production policy, by every spelling, before connecting", async () => {
    const production = { ...publicInternet, allowPort: () => true };
    for (const host of ["127.0.0.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"]) {
      expect(await failureOf(fetchFeedDocument(`http://${host}:${internalPort}/`, production))).toEqual({
        reason: "address",
        detail: expect.any(String),
      });
    }
    expect(internalHits).toBe(0);
  });

  it("refuses a DNS name whose answer is internal, even when another answer is public (checked at connect)", async () => {
    for (const name of ["internal.example", "mixed.example", "mapped.example", "metadata.example"]) {
      expect(await failureOf(fetchFeedDocument(`http://${name}:${internalPort}/`, testNetwork())), name).toMatchObject({
        reason: "address",
      });
    }
    expect(internalHits).toBe(0);
  });

  it("resolves once per connection and connects to the address it checked (DNS rebinding has no gap to use)", async () => {
    let calls = 0;
    const rebinding = testNetwork({
      resolve: async () => [{ address: calls++ % 2 === 0 ? PUBLIC_STAND_IN : INTERNAL, family: 4 }],
    });
    expect(await fetchFeedDocument(`http://rebind.example:${outsidePort}/feed`, rebinding)).toBe("<rss/>");
    expect(await failureOf(fetchFeedDocument(`http://rebind.example:${outsidePort}/feed`, rebinding))).toEqual({
      reason: "address",
      detail: INTERNAL,
    });
    expect(calls).toBe(2);
    expect(internalHits).toBe(0);
  });

  it("re-checks every redirect hop: to a literal loopback address, to a name resolving to it, to another scheme", async () => {
    const via = (to: string) => `http://${PUBLIC_STAND_IN}:${outsidePort}/redirect?to=${encodeURIComponent(to)}`;
    expect(await failureOf(fetchFeedDocument(via(`http://${INTERNAL}:${internalPort}/`), testNetwork()))).toEqual({
      reason: "address",
      detail: INTERNAL,
    });
    expect(await failureOf(fetchFeedDocument(via(`http://internal.example:${internalPort}/`), testNetwork()))).toEqual({
      reason: "address",
      detail: INTERNAL,
    });
    expect(await failureOf(fetchFeedDocument(via(`http://[::1]:${internalPort}/`), testNetwork()))).toMatchObject({
      reason: "address",
    });
    expect(await failureOf(fetchFeedDocument(via("file:///etc/passwd"), testNetwork()))).toMatchObject({
      reason: "scheme",
    });
    expect(internalHits).toBe(0);
    expect(await fetchFeedDocument(via("/feed"), testNetwork())).toBe("<rss/>");
    expect(
      await failureOf(fetchFeedDocument(`http://${PUBLIC_STAND_IN}:${outsidePort}/loop`, testNetwork())),
    ).toMatchObject({ reason: "redirects" });
  });

  it("refuses ports other than the allowed ones, bounds the body (after decompression) and the time", async () => {
    const standardPortsOnly = testNetwork({ allowPort: publicInternet.allowPort });
    expect(await failureOf(fetchFeedDocument(`http://feed.example:${outsidePort}/feed`, standardPortsOnly))).toEqual({
      reason: "port",
      detail: String(outsidePort),
    });
    const small = testNetwork({ maxBytes: 10_000 });
    expect(await failureOf(fetchFeedDocument(`http://feed.example:${outsidePort}/big`, small))).toMatchObject({
      reason: "too-large",
    });
    expect(await failureOf(fetchFeedDocument(`http://feed.example:${outsidePort}/gzip-bomb`, small))).toMatchObject({
      reason: "too-large",
    });
    const impatient = testNetwork({ idleTimeoutMs: 200, totalTimeoutMs: 400 });
    expect(await failureOf(fetchFeedDocument(`http://feed.example:${outsidePort}/slow`, impatient))).toMatchObject({
      reason: "timeout",
    });
    expect(await failureOf(fetchFeedDocument(`http://feed.example:${outsidePort}/missing`, testNetwork()))).toEqual({
      reason: "status",
      detail: "404",
    });
    expect(await failureOf(fetchFeedDocument(`http://unknown.example:${outsidePort}/`, testNetwork()))).toMatchObject({
      reason: "network",
    });
  });
});

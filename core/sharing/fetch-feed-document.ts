/**
 * Fetches a subscribed feed's document from the outside internet, and nothing else.
 *
 * The URL is chosen by a secretariat account (and fetched hourly by the worker), so it must not be
 * a way to make the server read its own network: loopback, the cloud metadata address, private and
 * link-local ranges, or a public name whose DNS answer points at any of them. The address is checked
 * where the socket is opened (the `lookup` the connection itself uses), so a DNS answer cannot change
 * between the check and the connect; literal addresses are checked before connecting, and the peer of
 * every opened socket once more. Redirects are followed by hand, each hop checked again.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import ipaddr from "ipaddr.js";
import { isHttpUrl } from "../shared/http-url.ts";

/** Why a feed was not fetched; the page shows `sharing.ingest.failure.<reason>`, with the detail. */
export const feedFailureReasons = [
  "scheme",
  "port",
  "address",
  "redirects",
  "too-large",
  "timeout",
  "status",
  "network",
  "unreadable",
  "malformed",
] as const;
export type FeedFailureReason = (typeof feedFailureReasons)[number];

export class FeedFetchError extends Error {
  readonly reason: FeedFailureReason;
  readonly detail: string | null;
  constructor(reason: FeedFailureReason, detail: string | null = null) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "FeedFetchError";
    this.reason = reason;
    this.detail = detail;
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Where feed fetching may connect, and how much it may read. Injected so tests can stand in for the internet. */
export interface FeedNetwork {
  allowAddress(address: string): boolean;
  allowPort(port: number): boolean;
  resolve(hostname: string): Promise<ResolvedAddress[]>;
  maxBytes: number;
  maxRedirects: number;
  /** Connecting, and any silence while reading. */
  idleTimeoutMs: number;
  /** The whole fetch, redirects included. */
  totalTimeoutMs: number;
}

/**
 * Only globally routable unicast addresses: ipaddr.js names every special range (loopback, private,
 * link-local, CGNAT, unique-local, multicast, 0.0.0.0/8, documentation, 6to4/Teredo/NAT64, …) and we
 * accept none of them. An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!isIP(bare.split("%")[0] ?? "")) return false;
  return ipaddr.process(bare).range() === "unicast";
}

/** Feeds are published on the standard ports; 8080/8443 are where internal admin consoles live. */
export const feedPorts: readonly number[] = [80, 443];

export const publicInternet: FeedNetwork = {
  allowAddress: isPublicAddress,
  allowPort: (port) => feedPorts.includes(port),
  resolve: (hostname) => dnsLookup(hostname, { all: true, verbatim: true }),
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  idleTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
};

const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

/**
 * What can be refused from the URL alone, before any network traffic: the scheme, the port and a
 * literal address (the URL parser has already turned `2130706433` and `0x7f.1` into `127.0.0.1`).
 */
export function refusalOf(rawUrl: string, network: FeedNetwork): FeedFetchError | null {
  if (!isHttpUrl(rawUrl)) return new FeedFetchError("scheme");
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !network.allowAddress(host)) return new FeedFetchError("address", host);
  const port = portOf(url);
  if (!network.allowPort(port)) return new FeedFetchError("port", String(port));
  return null;
}

/** The connection's own resolver: every answer is checked, and one internal answer refuses the name. */
function checkedLookup(network: FeedNetwork): LookupFunction {
  return (hostname, options, callback) => {
    network.resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !network.allowAddress(a.address));
        if (refused) return callback(new FeedFetchError("address", refused.address), "", 0);
        const first = addresses[0];
        if (!first) return callback(new FeedFetchError("network", `ENOTFOUND ${hostname}`), "", 0);
        if (options.all) return (callback as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) =>
        callback(new FeedFetchError("network", `${error.code ?? "DNS"} ${hostname}`), "", 0),
    );
  };
}

/** What ended a fetch early, when the stream's own error would only say "aborted". */
interface FetchState {
  timedOut: boolean;
}

function requestOnce(url: URL, network: FeedNetwork, signal: AbortSignal, state: FetchState): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: "GET",
      agent: false,
      lookup: checkedLookup(network),
      signal,
      timeout: network.idleTimeoutMs,
      headers: {
        Accept: "application/rss+xml, application/atom+xml, application/xml, text/xml",
        "Accept-Encoding": "gzip, deflate, br",
        "User-Agent": "Chiiki feed reader",
      },
    });
    request.on("socket", (socket) => {
      // Defence in depth: whatever path opened the socket, its peer must be an allowed address.
      socket.once("connect", () => {
        const peer = socket.remoteAddress ?? "";
        if (!network.allowAddress(peer)) request.destroy(new FeedFetchError("address", peer));
      });
    });
    request.on("timeout", () => {
      state.timedOut = true;
      request.destroy(new FeedFetchError("timeout"));
    });
    request.on("response", resolve);
    request.on("error", reject);
    request.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  switch ((response.headers["content-encoding"] ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return response.pipe(createGunzip());
    case "deflate":
      return response.pipe(createInflate());
    case "br":
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

/** Reads the body up to the limit, counting what it decompresses to (a small gzip can be a huge feed). */
async function readBounded(response: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(response.headers["content-length"] ?? NaN);
  if (declared > maxBytes) {
    response.destroy();
    throw new FeedFetchError("too-large");
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const body = decoded(response);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new FeedFetchError("too-large");
      chunks.push(chunk);
    }
  } finally {
    response.destroy();
    body.destroy();
  }
  return Buffer.concat(chunks).toString("utf8");
}

function asFeedError(error: unknown, signal: AbortSignal, state: FetchState): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (signal.aborted || state.timedOut) return new FeedFetchError("timeout");
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && error.cause instanceof FeedFetchError) return error.cause;
  return new FeedFetchError("network", code ?? (error instanceof Error ? error.message.slice(0, 100) : null));
}

/** GETs a feed document, following at most `maxRedirects` redirects, each checked like the first URL. */
export async function fetchFeedDocument(rawUrl: string, network: FeedNetwork = publicInternet): Promise<string> {
  const signal = AbortSignal.timeout(network.totalTimeoutMs);
  const state: FetchState = { timedOut: false };
  let current = rawUrl;
  for (let hop = 0; ; hop++) {
    const refused = refusalOf(current, network);
    if (refused) throw refused;
    let response: IncomingMessage;
    try {
      response = await requestOnce(new URL(current), network, signal, state);
    } catch (error) {
      throw asFeedError(error, signal, state);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (hop >= network.maxRedirects) throw new FeedFetchError("redirects");
      const next = URL.parse(location, current);
      if (!next) throw new FeedFetchError("scheme");
      current = next.href;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw new FeedFetchError("status", String(status));
    }
    try {
      return await readBounded(response, network.maxBytes);
    } catch (error) {
      throw asFeedError(error, signal, state);
    }
  }
}

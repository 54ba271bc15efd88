/**
 * Reads an external advisory feed — RSS 2.0 (IPA), RSS 1.0 / RDF (JVN iPedia, MyJVN, JPCERT/CC)
 * and Atom (MyJVN getAlertList) — into one item shape, keeping what JVN's `sec:` module
 * (`http://jvn.jp/rss/mod_sec/3.0/`) says about each item: its identifier, the CVE ids it
 * references, CVSS scores and severity, and the affected products (CPE). A feed or item that
 * declares a TLP marking (`sec:handling/marking:Marking/marking:Marking_Structure/@color`, STIX 1
 * data marking, as JVN publishes it) carries it. The real files these rules were written against
 * are in tests/fixtures/real/feeds/.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { fromJapanLocal } from "../../i18n/dates.ts";
import { isHttpUrl } from "../shared/http-url.ts";
import { type Tlp as TlpLevel, tlpLevels } from "./decide-access.ts";

export interface FeedCvss {
  version: string | null;
  score: number | null;
  severity: string | null;
  vector: string | null;
}

export interface FeedProduct {
  vendor: string | null;
  product: string | null;
  cpe: string;
}

export interface FeedItem {
  guid: string;
  title: string;
  link: string | null;
  text: string;
  published: string | null;
  /** `sec:identifier` (JVNDB-2025-002953, MYJVN-ALT-…), when the feed gives one */
  identifier: string | null;
  /** CVE ids the item references, in the feed's order, each once */
  cves: string[];
  cvss: FeedCvss[];
  products: FeedProduct[];
  /** the item's own TLP marking, when it declares one */
  tlp: TlpLevel | null;
}

export interface ParsedFeed {
  items: FeedItem[];
  /** the TLP marking the feed declares for all its items, when it declares one */
  tlp: TlpLevel | null;
}

/** Why a document is not a feed: `malformed` (not well-formed XML, with where and why) or `unreadable`. */
export class FeedParseError extends Error {
  readonly reason: "malformed" | "unreadable";
  readonly detail: string | null;
  constructor(reason: "malformed" | "unreadable", detail: string | null = null) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "FeedParseError";
    this.reason = reason;
    this.detail = detail;
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  textNodeName: "#text",
  processEntities: true,
  htmlEntities: true,
  // Numbers stay text: a CVSS vector or an id must never turn into a number.
  parseTagValue: false,
  parseAttributeValue: false,
});

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return textOf((value as Record<string, unknown>)["#text"]);
  return String(value).trim();
};
const attr = (node: unknown, name: string): string | null => {
  if (!node || typeof node !== "object") return null;
  const value = (node as Record<string, unknown>)[`@${name}`];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
};
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const isoOrNull = (value: string) => {
  // A W3CDTF day without a time (JPCERT/CC's weekly reports) is that day in Japan, not at UTC midnight.
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? fromJapanLocal(value).getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** A feed's item link is kept only when it is a web address: a `javascript:` link is dropped, not stored. */
const webLinkOrNull = (link: unknown): string | null =>
  typeof link === "string" && isHttpUrl(link.trim()) ? link.trim() : null;

const cvePattern = /^CVE-\d{4}-\d{4,}$/i;

/**
 * A TLP marking's colour as TLP 2.0 names it. JVN still writes TLP 1.0's `WHITE`, which TLP 2.0
 * renamed `CLEAR`; anything unknown is no marking.
 */
export function tlpOfColour(colour: string | null): TlpLevel | null {
  if (!colour) return null;
  const upper = colour.trim().toUpperCase().replace(/^TLP:/, "");
  if (upper === "WHITE") return "CLEAR";
  return (tlpLevels as readonly string[]).includes(upper) ? (upper as TlpLevel) : null;
}

/** `sec:handling` → the marking's colour (the strictest one when several are given). */
function markingOf(node: Record<string, any> | undefined): TlpLevel | null {
  if (!node) return null;
  const structures = asArray<any>(node.handling).flatMap((h) =>
    asArray<any>(h?.Marking).flatMap((m) => asArray<any>(m?.Marking_Structure)),
  );
  const levels = structures.map((s) => tlpOfColour(attr(s, "color"))).filter((l): l is TlpLevel => l !== null);
  if (levels.length === 0) return null;
  return levels.reduce((a, b) => (tlpLevels.indexOf(b) > tlpLevels.indexOf(a) ? b : a));
}

function secFields(node: Record<string, any>) {
  const references = asArray<any>(node.references);
  const cves = [
    ...new Set(
      references
        .map((r) => attr(r, "id") ?? textOf(r))
        .filter((id) => cvePattern.test(id))
        .map((id) => id.toUpperCase()),
    ),
  ];
  const cvss = asArray<any>(node.cvss).map((c) => {
    const score = Number(attr(c, "score"));
    return {
      version: attr(c, "version"),
      score: Number.isFinite(score) && attr(c, "score") !== null ? score : null,
      severity: attr(c, "severity"),
      vector: attr(c, "vector"),
    };
  });
  // MyJVN's alert list nests the products in sec:items/sec:item/sec:cpe.
  const cpeNodes = [
    ...asArray<any>(node.cpe),
    ...asArray<any>(node.items).flatMap((i) => asArray<any>(i?.item).flatMap((x) => asArray<any>(x?.cpe))),
  ];
  const products = cpeNodes
    .map((c) => ({ vendor: attr(c, "vendor"), product: attr(c, "product"), cpe: textOf(c) }))
    .filter((p) => p.cpe !== "");
  const identifier = textOf(node.identifier) || null;
  return { identifier, cves, cvss, products, tlp: markingOf(node) };
}

/** Reads RSS 2.0, RSS 1.0 (RDF) and Atom; a document that is not well-formed XML says where and why. */
export function readFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new FeedParseError("malformed", `${line}:${col} ${msg}`.slice(0, 200));
  }
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml);
  } catch (error) {
    throw new FeedParseError("malformed", error instanceof Error ? error.message.slice(0, 200) : null);
  }
  if (doc.feed) {
    const items = asArray<any>(doc.feed.entry).map((e): FeedItem => {
      const links = asArray<any>(e.link);
      const link = links.find((l) => !attr(l, "rel") || attr(l, "rel") === "alternate");
      const href = attr(link, "href");
      return {
        guid: textOf(e.id) || href || textOf(e.title),
        title: plain(textOf(e.title)),
        link: webLinkOrNull(href),
        text: plain(textOf(e.summary) || textOf(e.content)),
        published: isoOrNull(textOf(e.published) || textOf(e.updated)),
        ...secFields(e),
      };
    });
    return { items, tlp: markingOf(doc.feed) };
  }
  const channel = doc.rss ? doc.rss.channel : doc.RDF ? doc.RDF.channel : undefined;
  const rawItems = doc.rss ? asArray<any>(doc.rss.channel?.item) : doc.RDF ? asArray<any>(doc.RDF.item) : null;
  if (!rawItems) throw new FeedParseError("unreadable");
  const items = rawItems.map((i): FeedItem => {
    const link = textOf(i.link) || attr(i, "about") || null;
    return {
      guid: textOf(i.guid) || link || textOf(i.title),
      title: plain(textOf(i.title)),
      link: webLinkOrNull(link),
      text: plain(textOf(i.description)),
      published: isoOrNull(textOf(i.pubDate) || textOf(i.date) || textOf(i.issued)),
      ...secFields(i),
    };
  });
  return { items, tlp: markingOf(asArray<any>(channel)[0]) };
}

/** The items alone (the tests' and older callers' view). */
export function parseFeed(xml: string): FeedItem[] {
  return readFeed(xml).items;
}

/** low | medium | high | critical, as posts store it, from the highest CVSS severity (or the score). */
export function severityOf(item: Pick<FeedItem, "cvss">): "low" | "medium" | "high" | "critical" | null {
  const order = ["low", "medium", "high", "critical"] as const;
  let best = -1;
  for (const c of item.cvss) {
    const named = order.indexOf((c.severity ?? "").toLowerCase() as (typeof order)[number]);
    const scored =
      c.score === null ? -1 : c.score >= 9 ? 3 : c.score >= 7 ? 2 : c.score >= 4 ? 1 : c.score > 0 ? 0 : -1;
    best = Math.max(best, named >= 0 ? named : scored);
  }
  return best >= 0 ? order[best]! : null;
}

/** The affected products as the post's field shows them: one line each, "vendor product (cpe)". */
export function affectedProductsOf(item: Pick<FeedItem, "products">): string | null {
  if (item.products.length === 0) return null;
  const lines = item.products.map((p) => {
    const name = [p.vendor, p.product].filter(Boolean).join(" ");
    return name ? `${name} (${p.cpe})` : p.cpe;
  });
  return [...new Set(lines)].join("\n").slice(0, 5000);
}

/** The draft's body: the feed's text, then what the feed says about the vulnerability (Markdown). */
export function draftBodyOf(item: FeedItem): string {
  const facts: string[] = [];
  if (item.identifier) facts.push(`- ${item.identifier}`);
  for (const cve of item.cves) facts.push(`- ${cve}`);
  for (const c of item.cvss) {
    const parts = [
      `CVSS ${c.version ?? ""}`.trim(),
      c.score !== null ? String(c.score) : null,
      c.severity,
      c.vector ? `\`${c.vector}\`` : null,
    ].filter(Boolean);
    facts.push(`- ${parts.join(" ")}`);
  }
  return [item.text, facts.join("\n")].filter((s) => s !== "").join("\n\n");
}

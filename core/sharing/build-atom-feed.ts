import { XMLBuilder } from "fast-xml-parser";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import type { Viewer } from "./decide-access.ts";
import { listPosts } from "./list-posts.ts";
import type { PostView } from "./posts.ts";
import type { SharedSource } from "./shared-from-communities.ts";

export interface AtomFeedOptions {
  baseUrl: string;
  /** The feed's own URL (rel=self) and the id it keeps forever. */
  selfUrl: string;
  title: string;
  limit?: number;
  /** The language of the notes that stand in for withheld content; Japanese unless the owner chose English. */
  locale?: Locale;
  /** List what other communities shared with this one too; each such entry names its publisher. */
  shared?: SharedSource;
}

/**
 * What XML 1.0 forbids outright (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and
 * U+FFFF): a single one makes the whole feed unreadable to every reader, and posts can hold them
 * (pasted text, ingested feeds). They are removed; escaping is the builder's.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlText = (value: string) => value.replace(FORBIDDEN_IN_XML, "");

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  format: true,
  suppressEmptyNode: true,
});

/**
 * A feed URL is a bearer secret that gets forwarded, pasted and synced, so a feed carries less than
 * the pages: TLP:RED (named people only) shows no title, summary or source — only that there is
 * something to sign in for; TLP:AMBER and AMBER+STRICT (named organisations) show the title but not
 * the summary. CLEAR and GREEN show the summary as the pages do.
 */
function entryText(post: PostView, t: ReturnType<typeof createTranslate>) {
  if (post.tlp === "RED") {
    return { title: `[TLP:RED] ${t("sharing.feed.redItem")}`, summary: t("sharing.feed.redItem"), author: null };
  }
  const title = `[TLP:${post.tlp}] ${post.title}`;
  const author = post.sourceOrganisation ?? post.sharedBy?.name ?? null;
  if (post.tlp === "AMBER" || post.tlp === "AMBER+STRICT") {
    return { title, summary: t("sharing.feed.signInToRead", { tlp: post.tlp }), author };
  }
  return { title, summary: post.summary || post.body.slice(0, 300), author };
}

/** The category that says which community published a shared post (its slug; its name as the label). */
function sharedByCategory(origin: NonNullable<PostView["sharedBy"]>, t: ReturnType<typeof createTranslate>) {
  return {
    "@term": `community:${origin.slug}`,
    "@scheme": "urn:chiiki:shared-by",
    "@label": xmlText(t("sharing.shared.by", { community: origin.name })),
  };
}

/**
 * An Atom 1.0 feed of the published posts a viewer may see: `/feed.atom` uses the public viewer
 * (CLEAR only), a personal feed the viewer of its owner. The list goes through listPosts, so the
 * feed cannot show what the viewer's pages would not.
 */
export async function buildAtomFeed(db: Kysely<DB>, viewer: Viewer, options: AtomFeedOptions): Promise<string> {
  // Even the secretariat's personal feed carries published posts only: a feed reader is not a desk.
  const { items } = await listPosts(
    db,
    viewer,
    { limit: options.limit ?? 50 },
    { publishedOnly: true, shared: options.shared },
  );
  const t = createTranslate(options.locale ?? "ja");
  const updated = items[0]?.updatedAt ?? "2000-01-01T00:00:00.000Z";
  const entry = items.map((post) => {
    const link = `${options.baseUrl}/posts/${post.id}`;
    const text = entryText(post, t);
    return {
      id: link,
      title: xmlText(text.title),
      link: { "@rel": "alternate", "@type": "text/html", "@href": link },
      published: post.publishedAt ?? post.createdAt,
      updated: post.updatedAt,
      ...(text.author ? { author: { name: xmlText(text.author) } } : {}),
      category: [
        { "@term": post.kind },
        { "@term": `TLP:${post.tlp}`, "@scheme": "https://www.first.org/tlp/" },
        ...(post.sharedBy ? [sharedByCategory(post.sharedBy, t)] : []),
      ],
      // A post another community shared (ADR 038): <source> names the community that published it.
      ...(post.sharedBy
        ? { source: { id: `urn:chiiki:community:${post.sharedBy.slug}`, title: xmlText(post.sharedBy.name) } }
        : {}),
      summary: { "@type": "text", "#text": xmlText(text.summary) },
    };
  });
  const document = {
    "?xml": { "@version": "1.0", "@encoding": "utf-8" },
    feed: {
      "@xmlns": "http://www.w3.org/2005/Atom",
      "@xml:lang": options.locale ?? "ja",
      id: xmlText(options.selfUrl),
      title: xmlText(options.title),
      updated,
      link: [
        { "@rel": "self", "@type": "application/atom+xml", "@href": xmlText(options.selfUrl) },
        { "@rel": "alternate", "@type": "text/html", "@href": `${xmlText(options.baseUrl)}/posts` },
      ],
      author: { name: "Chiiki" },
      entry,
    },
  };
  return builder.build(document);
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Viewer } from "./decide-access.ts";
import { listPosts } from "./list-posts.ts";
import { escapeHtml } from "./render-markdown.ts";

export interface AtomFeedOptions {
  baseUrl: string;
  /** The feed's own URL (rel=self) and the id it keeps forever. */
  selfUrl: string;
  title: string;
  limit?: number;
}

/**
 * An Atom 1.0 feed of the published posts a viewer may see: `/feed.atom` uses the public viewer
 * (CLEAR only), a personal feed the viewer of its owner. The list goes through listPosts, so the
 * feed cannot show what the viewer's pages would not.
 */
export async function buildAtomFeed(db: Kysely<DB>, viewer: Viewer, options: AtomFeedOptions): Promise<string> {
  // Even the secretariat's personal feed carries published posts only: a feed reader is not a desk.
  const { items } = await listPosts(db, viewer, { limit: options.limit ?? 50 }, { publishedOnly: true });
  const updated = items[0]?.updatedAt ?? "2000-01-01T00:00:00.000Z";
  const entries = items.map((post) => {
    const link = `${options.baseUrl}/posts/${post.id}`;
    return [
      "  <entry>",
      `    <id>${escapeHtml(link)}</id>`,
      `    <title>[TLP:${post.tlp}] ${escapeHtml(post.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeHtml(link)}"/>`,
      `    <published>${post.publishedAt ?? post.createdAt}</published>`,
      `    <updated>${post.updatedAt}</updated>`,
      post.sourceOrganisation ? `    <author><name>${escapeHtml(post.sourceOrganisation)}</name></author>` : "",
      `    <category term="${post.kind}"/>`,
      `    <category term="TLP:${post.tlp}" scheme="https://www.first.org/tlp/"/>`,
      `    <summary type="text">${escapeHtml(post.summary || post.body.slice(0, 300))}</summary>`,
      "  </entry>",
    ].filter(Boolean).join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
    `  <id>${escapeHtml(options.selfUrl)}</id>`,
    `  <title>${escapeHtml(options.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(options.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeHtml(options.baseUrl)}/posts"/>`,
    "  <author><name>Chiiki</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

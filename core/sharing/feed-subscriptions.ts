import { z } from "zod";
import { XMLParser } from "fast-xml-parser";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { httpUrl, isHttpUrl } from "../shared/http-url.ts";
import { parseInput } from "../shared/validation.ts";
import { tlpLevels } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import {
  FeedFetchError,
  type FeedNetwork,
  fetchFeedDocument,
  publicInternet,
  refusalOf,
} from "./fetch-feed-document.ts";

export const subscriptionInputSchema = z.object({
  title: z.string().trim().min(1).max(100),
  url: httpUrl(2000),
  defaultTlp: z.enum(tlpLevels).default("CLEAR"),
});

/** Feed use cases take the network they may reach; production passes nothing and gets the public internet. */
type FeedDeps = Pick<SharingDeps, "db" | "clock"> & { feedNetwork?: FeedNetwork };

/** The secretariat subscribes to an external RSS/Atom feed (JVN iPedia, JPCERT/CC, IPA alerts). */
export async function subscribeFeed(deps: FeedDeps, actor: Actor, input: unknown): Promise<{ id: string }> {
  requireSecretariat(actor);
  const feed = parseInput(subscriptionInputSchema, input);
  // What the URL alone gives away (a port or a literal internal address) is refused at once.
  const refused = refusalOf(feed.url, deps.feedNetwork ?? publicInternet);
  if (refused) {
    const params = { detail: refused.detail ?? "" };
    const issue = { field: "url", code: `sharing-feed-refused-${refused.reason}`, params };
    throw new AppError("validation-failed", { fields: [issue] });
  }
  const existing = await deps.db
    .selectFrom("feed_subscriptions")
    .select("id")
    .where("url", "=", feed.url)
    .executeTakeFirst();
  if (existing) throw new AppError("validation-failed", { fields: [{ field: "url", code: "sharing-feed-duplicate" }] });
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("feed_subscriptions")
      .values({
        id,
        title: feed.title,
        url: feed.url,
        default_tlp: feed.defaultTlp,
        last_fetched_at: null,
        last_error: null,
        created_at: deps.clock.now().toISOString(),
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "feed.subscribe",
      entityType: "feed-subscription",
      entityId: id,
      after: feed,
    });
  });
  return { id };
}

export async function listFeedSubscriptions(deps: Pick<SharingDeps, "db">, actor: Actor) {
  requireSecretariat(actor);
  return deps.db.selectFrom("feed_subscriptions").selectAll().orderBy("created_at").execute();
}

export interface FeedItem {
  guid: string;
  title: string;
  link: string | null;
  text: string;
  published: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  textNodeName: "#text",
  processEntities: true,
  htmlEntities: true,
});

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return textOf((value as Record<string, unknown>)["#text"]);
  return String(value);
};
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const isoOrNull = (value: string) => {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** A feed's item link is kept only when it is a web address: a `javascript:` link is dropped, not stored. */
const webLinkOrNull = (link: unknown): string | null =>
  typeof link === "string" && isHttpUrl(link.trim()) ? link.trim() : null;

/** Reads RSS 2.0, RSS 1.0 (RDF, as JVN iPedia publishes) and Atom into one item shape. */
export function parseFeed(xml: string): FeedItem[] {
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml);
  } catch {
    throw new AppError("validation-failed", { fields: [{ field: "url", code: "sharing-feed-unreadable" }] });
  }
  if (doc.feed) {
    return asArray<any>(doc.feed.entry).map((e) => {
      const links = asArray<any>(e.link);
      const link = links.find((l) => !l["@rel"] || l["@rel"] === "alternate")?.["@href"] ?? null;
      return {
        guid: textOf(e.id) || link || textOf(e.title),
        title: plain(textOf(e.title)),
        link: webLinkOrNull(link),
        text: plain(textOf(e.summary) || textOf(e.content)),
        published: isoOrNull(textOf(e.published) || textOf(e.updated)),
      };
    });
  }
  const items = doc.rss ? asArray<any>(doc.rss.channel?.item) : doc.RDF ? asArray<any>(doc.RDF.item) : null;
  if (!items) throw new AppError("validation-failed", { fields: [{ field: "url", code: "sharing-feed-unreadable" }] });
  return items.map((i) => {
    const link = textOf(i.link) || i["@about"] || null;
    return {
      guid: textOf(i.guid) || link || textOf(i.title),
      title: plain(textOf(i.title)),
      link: webLinkOrNull(link),
      text: plain(textOf(i.description)),
      published: isoOrNull(textOf(i.pubDate) || textOf(i.date) || textOf(i.issued)),
    };
  });
}

function parseFeedDocument(xml: string): FeedItem[] {
  try {
    return parseFeed(xml);
  } catch {
    throw new FeedFetchError("unreadable");
  }
}

/**
 * Fetches every subscription (the worker's tick, or "fetch now") and adds each new item as a
 * draft for the secretariat to summarise and mark. An item is recognised by its guid, so
 * fetching again adds nothing twice. A feed that fails is recorded and the others go on.
 */
export async function fetchFeeds(deps: FeedDeps, actor: Actor): Promise<{ added: number; failed: number }> {
  requireSecretariat(actor);
  const subscriptions = await deps.db.selectFrom("feed_subscriptions").selectAll().orderBy("created_at").execute();
  const outcome = { added: 0, failed: 0 };
  for (const subscription of subscriptions) {
    const now = deps.clock.now().toISOString();
    try {
      const items = parseFeedDocument(await fetchFeedDocument(subscription.url, deps.feedNetwork ?? publicInternet));
      for (const item of items.filter((i) => i.guid && i.title)) {
        const id = newId(deps.clock.now().getTime());
        const inserted = await deps.db
          .insertInto("posts")
          .values({
            id,
            kind: "advisory",
            title: item.title.slice(0, 200),
            summary: "",
            body: item.text.slice(0, 50_000),
            source_organisation: subscription.title,
            source_url: item.link,
            severity: null,
            affected_products: null,
            what_to_do: null,
            tlp: subscription.default_tlp,
            audience_organisation_ids: "[]",
            audience_person_ids: "[]",
            status: "draft",
            feed_subscription_id: subscription.id,
            feed_item_guid: item.guid.slice(0, 1000),
            search_text: `${item.title}\n${item.text}`.normalize("NFKC").toLowerCase(),
            created_by: null,
            created_at: item.published ?? now,
            updated_at: now,
            published_at: null,
          })
          .onConflict((oc) => oc.columns(["feed_subscription_id", "feed_item_guid"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (inserted) outcome.added++;
      }
      await deps.db
        .updateTable("feed_subscriptions")
        .set({ last_fetched_at: now, last_error: null, last_error_detail: null })
        .where("id", "=", subscription.id)
        .execute();
    } catch (error) {
      outcome.failed++;
      // The reason is a closed code the page translates; anything unforeseen counts as a network failure.
      const failure =
        error instanceof FeedFetchError
          ? error
          : new FeedFetchError("network", error instanceof Error ? error.message : null);
      await deps.db
        .updateTable("feed_subscriptions")
        .set({
          last_fetched_at: now,
          last_error: failure.reason,
          last_error_detail: failure.detail?.slice(0, 200) ?? null,
        })
        .where("id", "=", subscription.id)
        .execute();
    }
  }
  if (outcome.added > 0)
    await recordAuditEvent(deps.db, deps.clock, actor, {
      action: "feed.fetch",
      entityType: "feed-subscription",
      after: outcome,
    });
  return outcome;
}

import { z } from "zod";
import { XMLParser } from "fast-xml-parser";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { tlpLevels } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";

export const subscriptionInputSchema = z.object({
  title: z.string().trim().min(1).max(100),
  url: z.string().trim().max(2000).refine((v) => /^https?:\/\/\S+$/i.test(v), { message: "field.sharing-url" }),
  defaultTlp: z.enum(tlpLevels).default("CLEAR"),
});

/** The secretariat subscribes to an external RSS/Atom feed (JVN iPedia, JPCERT/CC, IPA alerts). */
export async function subscribeFeed(deps: Pick<SharingDeps, "db" | "clock">, actor: Actor, input: unknown): Promise<{ id: string }> {
  requireSecretariat(actor);
  const feed = parseInput(subscriptionInputSchema, input);
  const existing = await deps.db.selectFrom("feed_subscriptions").select("id").where("url", "=", feed.url).executeTakeFirst();
  if (existing) throw new AppError("validation-failed", { fields: [{ field: "url", code: "sharing-feed-duplicate" }] });
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto("feed_subscriptions").values({ id, title: feed.title, url: feed.url, default_tlp: feed.defaultTlp, last_fetched_at: null, last_error: null, created_at: deps.clock.now().toISOString() }).execute();
    await recordAuditEvent(trx, deps.clock, actor, { action: "feed.subscribe", entityType: "feed-subscription", entityId: id, after: feed });
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

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, textNodeName: "#text", processEntities: true, htmlEntities: true });

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return textOf((value as Record<string, unknown>)["#text"]);
  return String(value);
};
const plain = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
const isoOrNull = (value: string) => {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

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
      return { guid: textOf(e.id) || link || textOf(e.title), title: plain(textOf(e.title)), link, text: plain(textOf(e.summary) || textOf(e.content)), published: isoOrNull(textOf(e.published) || textOf(e.updated)) };
    });
  }
  const items = doc.rss ? asArray<any>(doc.rss.channel?.item) : doc.RDF ? asArray<any>(doc.RDF.item) : null;
  if (!items) throw new AppError("validation-failed", { fields: [{ field: "url", code: "sharing-feed-unreadable" }] });
  return items.map((i) => {
    const link = textOf(i.link) || i["@about"] || null;
    return { guid: textOf(i.guid) || link || textOf(i.title), title: plain(textOf(i.title)), link, text: plain(textOf(i.description)), published: isoOrNull(textOf(i.pubDate) || textOf(i.date) || textOf(i.issued)) };
  });
}

/**
 * Fetches every subscription (the worker's tick, or "fetch now") and adds each new item as a
 * draft for the secretariat to summarise and mark. An item is recognised by its guid, so
 * fetching again adds nothing twice. A feed that fails is recorded and the others go on.
 */
export async function fetchFeeds(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<{ added: number; failed: number }> {
  requireSecretariat(actor);
  const get = options.fetch ?? fetch;
  const subscriptions = await deps.db.selectFrom("feed_subscriptions").selectAll().orderBy("created_at").execute();
  const outcome = { added: 0, failed: 0 };
  for (const subscription of subscriptions) {
    const now = deps.clock.now().toISOString();
    try {
      const response = await get(subscription.url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), headers: { Accept: "application/rss+xml, application/atom+xml, application/xml, text/xml" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const items = parseFeed(await response.text());
      for (const item of items.filter((i) => i.guid && i.title)) {
        const id = newId(deps.clock.now().getTime());
        const inserted = await deps.db
          .insertInto("posts")
          .values({
            id, kind: "advisory", title: item.title.slice(0, 200), summary: "", body: item.text.slice(0, 50_000),
            source_organisation: subscription.title, source_url: item.link, severity: null, affected_products: null, what_to_do: null,
            tlp: subscription.default_tlp, audience_organisation_ids: "[]", audience_person_ids: "[]", status: "draft",
            feed_subscription_id: subscription.id, feed_item_guid: item.guid.slice(0, 1000),
            search_text: `${item.title}\n${item.text}`.normalize("NFKC").toLowerCase(),
            created_by: null, created_at: item.published ?? now, updated_at: now, published_at: null,
          })
          .onConflict((oc) => oc.columns(["feed_subscription_id", "feed_item_guid"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (inserted) outcome.added++;
      }
      await deps.db.updateTable("feed_subscriptions").set({ last_fetched_at: now, last_error: null }).where("id", "=", subscription.id).execute();
    } catch (error) {
      outcome.failed++;
      const message = error instanceof Error ? error.message : String(error);
      await deps.db.updateTable("feed_subscriptions").set({ last_fetched_at: now, last_error: message.slice(0, 500) }).where("id", "=", subscription.id).execute();
    }
  }
  if (outcome.added > 0) await recordAuditEvent(deps.db, deps.clock, actor, { action: "feed.fetch", entityType: "feed-subscription", after: outcome });
  return outcome;
}

import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { httpUrl } from "../shared/http-url.ts";
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
import {
  affectedProductsOf,
  draftBodyOf,
  type FeedItem,
  FeedParseError,
  type ParsedFeed,
  readFeed,
  severityOf,
} from "./parse-feed.ts";

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
        last_succeeded_at: null,
        last_error: null,
        gap_from: null,
        gap_until: null,
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

/** A document that is not a feed becomes the subscription's recorded failure, with its reason. */
function readFeedDocument(xml: string): ParsedFeed {
  try {
    return readFeed(xml);
  } catch (error) {
    if (error instanceof FeedParseError) throw new FeedFetchError(error.reason, error.detail);
    throw new FeedFetchError("unreadable");
  }
}

/**
 * Items may have been lost when even the oldest item the feed still holds was published after the
 * last good fetch (JPCERT/CC's feed holds only its latest items: a pause drops the rest silently).
 * Returns the window nothing covers, or null.
 */
export function gapOf(items: FeedItem[], lastSucceededAt: string | null): { from: string; until: string } | null {
  if (!lastSucceededAt) return null;
  const dated = items.map((i) => i.published).filter((p): p is string => p !== null);
  if (dated.length === 0 || dated.length < items.length) return null;
  // ISO-8601 UTC instants sort as text.
  const oldest = [...dated].sort()[0]!;
  return oldest > lastSucceededAt ? { from: lastSucceededAt, until: oldest } : null;
}

/**
 * Fetches every subscription (the worker's tick, or "fetch now") and adds each new item as a
 * draft for the secretariat to summarise and mark. An item is recognised by its guid, so
 * fetching again adds nothing twice. A feed that fails is recorded and the others go on.
 */
export async function fetchFeeds(
  deps: FeedDeps,
  actor: Actor,
): Promise<{ added: number; failed: number; gaps: number }> {
  requireSecretariat(actor);
  const subscriptions = await deps.db.selectFrom("feed_subscriptions").selectAll().orderBy("created_at").execute();
  const outcome = { added: 0, failed: 0, gaps: 0 };
  for (const subscription of subscriptions) {
    const now = deps.clock.now().toISOString();
    try {
      const feed = readFeedDocument(await fetchFeedDocument(subscription.url, deps.feedNetwork ?? publicInternet));
      const items = feed.items.filter((i) => i.guid && i.title);
      for (const item of items) {
        const body = draftBodyOf(item);
        const id = newId(deps.clock.now().getTime());
        const inserted = await deps.db
          .insertInto("posts")
          .values({
            id,
            kind: "advisory",
            title: item.title.slice(0, 200),
            summary: "",
            body: body.slice(0, 50_000),
            source_organisation: subscription.title,
            source_url: item.link,
            severity: severityOf(item),
            affected_products: affectedProductsOf(item),
            what_to_do: null,
            // A marking the item or the feed declares is the publisher's word on its content.
            tlp: item.tlp ?? feed.tlp ?? subscription.default_tlp,
            audience_organisation_ids: "[]",
            audience_person_ids: "[]",
            status: "draft",
            feed_subscription_id: subscription.id,
            feed_item_guid: item.guid.slice(0, 1000),
            search_text: [item.title, body, affectedProductsOf(item) ?? ""].join("\n").normalize("NFKC").toLowerCase(),
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
      const gap = gapOf(items, subscription.last_succeeded_at);
      await deps.db
        .updateTable("feed_subscriptions")
        .set({
          last_fetched_at: now,
          last_succeeded_at: now,
          last_error: null,
          last_error_detail: null,
          // A gap stays flagged until the secretariat has looked (a later fetch does not fill it).
          ...(gap ? { gap_from: gap.from, gap_until: gap.until } : {}),
        })
        .where("id", "=", subscription.id)
        .execute();
      if (gap) {
        outcome.gaps++;
        await recordAuditEvent(deps.db, deps.clock, actor, {
          action: "feed.gap",
          entityType: "feed-subscription",
          entityId: subscription.id,
          after: gap,
        });
      }
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

/** The secretariat has checked the source for the items a gap may have lost: the flag goes. */
export async function dismissFeedGap(deps: FeedDeps, actor: Actor, subscriptionId: unknown): Promise<void> {
  requireSecretariat(actor);
  const id = parseInput(z.object({ id: z.string().min(1).max(100) }), { id: subscriptionId }).id;
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("feed_subscriptions")
      .select(["id", "gap_from", "gap_until"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw new AppError("not-found");
    if (!row.gap_from) return;
    await trx.updateTable("feed_subscriptions").set({ gap_from: null, gap_until: null }).where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "feed.gap-dismiss",
      entityType: "feed-subscription",
      entityId: id,
      before: { from: row.gap_from, until: row.gap_until },
    });
  });
}

import { newId } from "../../db/ids.ts";
import type { Row } from "../../db/schema.ts";
import { enqueueMails } from "../mail/enqueue-mail.ts";
import { decideAccess } from "../sharing/decide-access.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { findCarriedPost } from "./carried-post.ts";
import { loadRecipientViewer } from "../sharing/load-viewer.ts";
import { postSubject } from "../sharing/posts.ts";
import { LATE_AFTER_MS } from "./mailing-phase.ts";
import { type MailingView, mailingSettings, mailingView } from "./mailing-settings.ts";
import { renderMailing } from "./render-mailing.ts";
import { resolveAudience } from "./resolve-audience.ts";

/**
 * Recipients queued per transaction (their outbox rows go in by multi-row INSERTs of 500), and
 * recipient rows per INSERT when a mailing starts: 9 values each, far below SQLite's 32,766
 * bound variables.
 */
const CHUNK = 1000;

/**
 * Chunks queued at the same time, each in its own transaction: on PostgreSQL one chunk's INSERTs
 * run on the server while the next chunk is rendered and sent (SQLite, one connection, takes them
 * one after another).
 */
const PARALLEL_CHUNKS = 3;

export function mailingDedupeKey(mailingId: string, email: string): string {
  return `mailing:${mailingId}:${email.toLowerCase()}`;
}

/**
 * The mailing worker's tick. Approved mailings whose time has come start: their audience is
 * resolved now, each address once, and addresses that unsubscribed, bounced before, or may not
 * see the carried post are recorded as skipped. Pending recipients then enter the outbox within
 * the rate limit (a sliding minute shared by every process), with the dedupe key
 * `mailing:<id>:<email>`, so that no crash, retry or second process sends anyone a mailing twice.
 */
export async function dispatchDueMailings(
  deps: SharingDeps,
  options: { ratePerMinute?: number } = {},
): Promise<{ started: number; queued: number; finished: number }> {
  const { db, clock } = deps;
  const settings = await mailingSettings(db);
  const ratePerMinute = options.ratePerMinute ?? settings.ratePerMinute;
  const outcome = { started: 0, queued: 0, finished: 0 };

  // Only mailings due within the last LATE_AFTER_MS: an older one waits for confirmation.
  const due = await db
    .selectFrom("mailings")
    .select("id")
    .where("status", "=", "approved")
    .where("scheduled_at", "<=", clock.now().toISOString())
    .where("scheduled_at", ">=", new Date(clock.now().getTime() - LATE_AFTER_MS).toISOString())
    .orderBy("scheduled_at")
    .execute();
  for (const { id } of due) if (await startMailing(deps, id)) outcome.started++;

  const minuteAgo = new Date(clock.now().getTime() - 60_000).toISOString();
  const recent = await db
    .selectFrom("outbox_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("kind", "=", "announcement")
    .where("created_at", ">", minuteAgo)
    .where("dedupe_key", "like", "mailing:%")
    .executeTakeFirstOrThrow();
  let budget = Math.max(0, ratePerMinute - Number(recent.n));

  const sending = await db
    .selectFrom("mailings")
    .selectAll()
    .where("status", "=", "sending")
    .orderBy("started_at")
    .execute();
  for (const row of sending) {
    const mailing = mailingView(row);
    const context = await mailingContext(deps, mailing, settings.communityName);
    // One chunk of recipients and their messages, in one transaction.
    const queueChunk = async (chunk: Row<"mailing_recipients">[]) => {
      const mails = chunk.map((recipient) =>
        recipientMail(mailing, recipient, context, {
          id: recipient.id,
          dedupeKey: mailingDedupeKey(mailing.id, recipient.email),
        }),
      );
      await db.transaction().execute(async (trx) => {
        // Multi-row INSERTs. Each message has its recipient's id, so the link needs no lookup;
        // a message another process queued first (same key, same id) is skipped.
        await enqueueMails(trx, clock, mails);
        await trx
          .updateTable("mailing_recipients")
          .set((eb) => ({ status: "queued", outbox_message_id: eb.ref("id") }))
          .where(
            "id",
            "in",
            chunk.map((r) => r.id),
          )
          .where("status", "=", "pending")
          .execute();
      });
    };
    while (budget > 0) {
      const batch = await db
        .selectFrom("mailing_recipients")
        .selectAll()
        .where("mailing_id", "=", mailing.id)
        .where("status", "=", "pending")
        .orderBy("id")
        .limit(Math.min(CHUNK * PARALLEL_CHUNKS, budget))
        .execute();
      if (batch.length === 0) break;
      const chunks = [];
      for (let i = 0; i < batch.length; i += CHUNK) chunks.push(batch.slice(i, i + CHUNK));
      const results = await Promise.allSettled(chunks.map(queueChunk));
      const failure = results.find((r) => r.status === "rejected");
      if (failure) throw failure.reason;
      budget -= batch.length;
      outcome.queued += batch.length;
    }
    const left = await db
      .selectFrom("mailing_recipients")
      .select("id")
      .where("mailing_id", "=", mailing.id)
      .where("status", "=", "pending")
      .limit(1)
      .executeTakeFirst();
    if (!left) {
      await db
        .updateTable("mailings")
        .set({ status: "sent", finished_at: clock.now().toISOString(), updated_at: clock.now().toISOString() })
        .where("id", "=", mailing.id)
        .where("status", "=", "sending")
        .execute();
      outcome.finished++;
    }
  }
  if (outcome.queued > 0) deps.onMailQueued?.();
  return outcome;
}

/** What every recipient's message of this mailing shares: links, community, the carried post. */
export async function mailingContext(
  deps: Pick<SharingDeps, "db" | "baseUrl" | "secret" | "shared">,
  mailing: MailingView,
  communityName: string,
) {
  const post = await findCarriedPost(deps, mailing.postId);
  return {
    baseUrl: deps.baseUrl,
    secret: deps.secret,
    communityId: deps.shared?.communityId,
    communityName,
    post: post ? { id: post.id, title: post.title, tlp: post.tlp, summary: post.summary } : null,
  };
}

/** One recipient's outbox message of a mailing, under the given message id and dedupe key. */
export function recipientMail(
  mailing: MailingView,
  recipient: Row<"mailing_recipients">,
  context: Awaited<ReturnType<typeof mailingContext>>,
  keys: { id: string; dedupeKey: string },
) {
  const message = renderMailing(
    mailing,
    {
      email: recipient.email,
      name: recipient.name,
      organisationName: recipient.organisation_name,
      locale: recipient.locale === "en" ? "en" : "ja",
    },
    context,
  );
  return {
    id: keys.id,
    to: recipient.email,
    subject: message.subject,
    text: message.text,
    headers: message.headers,
    kind: "announcement" as const,
    dedupeKey: keys.dedupeKey,
  };
}

/** Claims an approved mailing (one process wins) and writes its recipients with their status. */
async function startMailing(deps: SharingDeps, id: string): Promise<boolean> {
  const { db, clock } = deps;
  // Read before the transaction: a shared post is read over the installation's database, which on
  // SQLite is the one connection the transaction holds. An approved mailing's post no longer changes.
  const planned = await db.selectFrom("mailings").select("post_id").where("id", "=", id).executeTakeFirst();
  const post = await findCarriedPost(deps, planned?.post_id ?? null);
  return db.transaction().execute(async (trx) => {
    const now = clock.now().toISOString();
    const claimed = await trx
      .updateTable("mailings")
      .set({ status: "sending", started_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "approved")
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return false;
    const mailing = mailingView(claimed);
    const recipients = await resolveAudience(trx, mailing.audience);
    const emails = recipients.map((r) => r.email);
    const unsubscribed = new Set<string>();
    const bounced = new Set<string>();
    for (let i = 0; i < emails.length; i += 500) {
      const slice = emails.slice(i, i + 500);
      for (const r of await trx.selectFrom("mail_suppressions").select("email").where("email", "in", slice).execute())
        unsubscribed.add(r.email);
      const failed = await trx
        .selectFrom("outbox_messages")
        .select("to_address")
        .where("kind", "=", "announcement")
        .where("status", "=", "failed")
        .where("to_address", "in", slice)
        .execute();
      for (const r of failed) bounced.add(r.to_address.toLowerCase());
    }
    const subject = post ? postSubject(post) : null;
    const rows = [];
    for (const recipient of recipients) {
      let status = "pending";
      if (unsubscribed.has(recipient.email)) status = "skipped-unsubscribed";
      else if (bounced.has(recipient.email)) status = "skipped-bounced";
      else if (subject && !decideAccess(await loadRecipientViewer(trx, recipient), subject).allowed)
        status = "skipped-not-entitled";
      rows.push({
        id: newId(clock.now().getTime()),
        mailing_id: id,
        email: recipient.email,
        name: recipient.name,
        organisation_name: recipient.organisationName,
        person_id: recipient.personId,
        locale: recipient.locale,
        status,
        outbox_message_id: null,
        created_at: now,
      });
    }
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto("mailing_recipients")
        .values(rows.slice(i, i + CHUNK))
        .execute();
    return true;
  });
}

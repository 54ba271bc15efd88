import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/**
 * `transactional` mail answers something the recipient did (sign-in link, confirmation);
 * `announcement` mail is sent to many and carries an unsubscribe link and List-Unsubscribe.
 */
export type MailKind = "transactional" | "announcement";

export interface OutgoingMail {
  /**
   * The message's id, when the caller links to it in the same transaction (a mailing recipient's
   * message has the recipient's id); a new one otherwise.
   */
  id?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind?: MailKind;
  headers?: Record<string, string>;
  /** At most one message is ever queued per key (e.g. `mailing:ID:person:ID`). */
  dedupeKey?: string;
  /** Small text files sent with the message (e.g. an event's .ics). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text. */
  content: string;
}

/**
 * Writes a message to the durable outbox. Pass the transaction of the change that causes the
 * mail, so both are committed together or not at all; the worker delivers it afterwards.
 * Returns null when a message with the same dedupe key was queued before.
 */
export async function enqueueMail(
  db: Kysely<DB>,
  clock: Clock,
  mail: OutgoingMail,
  messageIdDomain = "chiiki.invalid",
): Promise<{ id: string } | null> {
  const inserted = await db
    .insertInto("outbox_messages")
    .values(outboxRow(clock, mail, messageIdDomain))
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted ?? null;
}

/** Rows per INSERT: 14 values each stays far below SQLite's 32,766 bound variables. */
const ROWS_PER_INSERT = 500;

/**
 * `enqueueMail` for many messages at once (a mailing's recipients): multi-row INSERTs of up to
 * 500 rows, in the caller's transaction. A message whose dedupe key is already queued is left
 * out, as with `enqueueMail` (and so is one whose given id is taken: the same message, queued by
 * another process meanwhile). Returns how many were inserted.
 */
export async function enqueueMails(
  db: Kysely<DB>,
  clock: Clock,
  mails: OutgoingMail[],
  messageIdDomain = "chiiki.invalid",
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < mails.length; i += ROWS_PER_INSERT) {
    const rows = mails.slice(i, i + ROWS_PER_INSERT).map((mail) => outboxRow(clock, mail, messageIdDomain));
    const result = await db
      .insertInto("outbox_messages")
      .values(rows)
      // Any unique index: the dedupe key or a given id.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

function outboxRow(clock: Clock, mail: OutgoingMail, messageIdDomain: string) {
  const at = clock.now();
  const now = at.toISOString();
  const id = mail.id ?? newId(at.getTime());
  return {
    id,
    kind: mail.kind ?? "transactional",
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    attachments_json: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
    headers_json: JSON.stringify(mail.headers ?? {}),
    message_id: `<${id}@${messageIdDomain}>`,
    dedupe_key: mail.dedupeKey ?? null,
    status: "pending",
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  };
}

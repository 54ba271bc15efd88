import { z } from "zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { pageOf } from "../shared/list-page.ts";
import { parseInput } from "../shared/validation.ts";
import { mailingStatuses } from "./mailing-input.ts";
import { mailingView, type MailingView } from "./mailing-settings.ts";

export const listMailingsQuerySchema = z.object({
  status: z.enum(mailingStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The secretariat's mailings, newest first, a page at a time (`total` counts them all). */
export async function listMailings(
  db: Kysely<DB>,
  actor: Actor,
  query: unknown = {},
): Promise<{ items: MailingView[]; total: number }> {
  requireSecretariat(actor);
  const { status, limit, offset } = parseInput(listMailingsQuerySchema, query);
  let base = db.selectFrom("mailings");
  if (status) base = base.where("status", "=", status);
  return pageOf(
    base,
    { limit, offset },
    (page) => page.selectAll().orderBy("created_at", "desc").orderBy("id", "desc"),
    (rows) => rows.map(mailingView),
  );
}

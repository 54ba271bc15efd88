import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "./deps.ts";
import { postInputSchema, postSearchText, type PostInput } from "./posts.ts";

/** The secretariat publishes (or drafts) a post; the API's POST /api/v1/posts and the form call this. */
export async function createPost(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  input: unknown,
): Promise<{ id: string }> {
  requireSecretariat(actor);
  const post = parseInput(postInputSchema, input);
  await checkAudienceExists(deps.db, post);
  const now = deps.clock.now().toISOString();
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("posts")
      .values({
        id,
        ...postColumns(post),
        feed_subscription_id: null,
        feed_item_guid: null,
        created_by: authorOf(actor),
        created_at: now,
        updated_at: now,
        published_at: post.status === "published" ? now : null,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "post.create",
      entityType: "post",
      entityId: id,
      after: { title: post.title, tlp: post.tlp, status: post.status },
    });
  });
  return { id };
}

export function postColumns(post: PostInput) {
  return {
    kind: post.kind,
    title: post.title,
    summary: post.summary,
    body: post.body,
    source_organisation: post.sourceOrganisation,
    source_url: post.sourceUrl,
    severity: post.severity,
    affected_products: post.affectedProducts,
    what_to_do: post.whatToDo,
    tlp: post.tlp,
    audience_organisation_ids: JSON.stringify([...new Set(post.audience.organisations)]),
    audience_person_ids: JSON.stringify([...new Set(post.audience.people)]),
    status: post.status,
    search_text: postSearchText(post),
  };
}

/** An audience naming an organisation or person the registry does not know is a field error. */
export async function checkAudienceExists(db: Kysely<DB>, post: PostInput): Promise<void> {
  const fields: FieldIssue[] = [];
  const { organisations, people } = post.audience;
  if (organisations.length) {
    const found = await db.selectFrom("organisations").select("id").where("id", "in", organisations).execute();
    if (found.length !== new Set(organisations).size)
      fields.push({ field: "audience.organisations", code: "sharing-unknown-organisation" });
  }
  if (people.length) {
    const found = await db.selectFrom("people").select("id").where("id", "in", people).execute();
    if (found.length !== new Set(people).size)
      fields.push({ field: "audience.people", code: "sharing-unknown-person" });
  }
  if (fields.length) throw new AppError("validation-failed", { fields });
}

import type { Kysely } from "kysely";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { sha256 } from "../shared/crypto.ts";
import type { Clock } from "../shared/clock.ts";
import { collectPersonalData, type PersonalData } from "./collect-personal-data.ts";
import type { Subject } from "./find-subject.ts";
import { erasedEmail, erasedName } from "./pseudonym.ts";
import { about } from "./subject-rows.ts";

/** How many rows of each kind an erasure touched: what the log of requests and the audit keep. */
export type ErasureCounts = Record<string, number>;

/** A registration without its person: seat, status, check-in, organisation and sector stay. */
export function erasedRegistration(secret: string, label: string, email: string, id: string, now: string) {
  return {
    name: label,
    email: erasedEmail(secret, email),
    person_id: null,
    user_id: null,
    answers_json: "{}",
    // The registrant's own link (ticket, cancel) stops working: it would show the erased row.
    token_hash: sha256(`erased:${id}`),
    updated_at: now,
  };
}

/** Keys whose values name the person in a recorded before/after (registry rows, registrations). */
const PERSONAL_KEYS = new Set([
  "name",
  "email",
  "family_name",
  "given_name",
  "family_reading",
  "given_reading",
  "familyName",
  "givenName",
  "familyReading",
  "givenReading",
  "phone",
  "notes",
  "department",
  "title",
  "answers",
  "answers_json",
  "actor_label",
]);

/**
 * Erases a subject inside the caller's transaction (personal-data-map.ts says what happens to
 * each table): the person record and the account go; the rows that feed counts keep their
 * counts and lose the name and address. Returns the counts; never the erased data.
 */
export async function eraseSubject(trx: Kysely<DB>, clock: Clock, secret: string, s: Subject): Promise<ErasureCounts> {
  const held = await collectPersonalData(trx, s);
  const label = erasedName(s.ref);
  const placeholder = (email: string) => erasedEmail(secret, email);
  const entityIds = [
    ...held.registrations,
    ...held.surveyInvitations,
    ...held.mailingRecipients,
    ...held.invitations,
  ].map((r) => r.id);
  const counts: ErasureCounts = {};
  const now = clock.now().toISOString();

  for (const r of held.registrations) {
    await trx
      .updateTable("registrations")
      .set(erasedRegistration(secret, label, r.email, r.id, now))
      .where("id", "=", r.id)
      .execute();
  }
  counts.registrations = held.registrations.length;
  for (const i of held.surveyInvitations) {
    await trx
      .updateTable("survey_invitations")
      .set({ email: placeholder(i.email), person_id: null, token_hash: sha256(`erased:${i.id}`) })
      .where("id", "=", i.id)
      .execute();
  }
  counts.surveyInvitations = held.surveyInvitations.length;
  for (const r of held.mailingRecipients) {
    await trx
      .updateTable("mailing_recipients")
      .set({ email: placeholder(r.email), name: label, person_id: null })
      .where("id", "=", r.id)
      .execute();
  }
  counts.mailingRecipients = held.mailingRecipients.length;
  for (const i of held.invitations) {
    await trx
      .updateTable("invitations")
      .set({ email: placeholder(i.email), name: label, user_id: null, token_hash: sha256(`erased:${i.id}`) })
      .where("id", "=", i.id)
      .execute();
  }
  counts.invitations = held.invitations.length;

  const mails = await trx
    .selectFrom("outbox_messages")
    .select(["id", "to_address", "status"])
    .where(about.outbox_messages(s))
    .execute();
  for (const m of mails) {
    const unsent = m.status === "pending" || m.status === "sending";
    await trx
      .updateTable("outbox_messages")
      .set({
        to_address: placeholder(m.to_address),
        text_body: "",
        html_body: null,
        attachments_json: null,
        ...(unsent ? { status: "failed", last_error: "erased", locked_by: null, locked_until: null } : {}),
      })
      .where("id", "=", m.id)
      .execute();
  }
  counts.mails = mails.length;

  counts.downloads = Number(
    (
      await trx
        .updateTable("sharing_downloads")
        .set({ actor_label: label, user_id: null })
        .where(about.sharing_downloads(s))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  counts.meetings = Number(
    (
      await trx
        .updateTable("meeting_attendees")
        .set({ attendee_label: label, person_id: null })
        .where(about.meeting_attendees(s))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  counts.activities = Number(
    (
      await trx
        .updateTable("activity_attendees")
        .set({ attendee_label: label, person_id: null })
        .where(about.activity_attendees(s))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  counts.officerRoles = Number(
    (await trx.updateTable("group_officers").set({ person_id: null }).where(about.group_officers(s)).executeTakeFirst())
      .numUpdatedRows,
  );
  counts.auditEvents = await scrubAuditEvents(trx, s, held, entityIds, label, placeholder);
  // Actors' labels are `name <address>`: the address finds the erased account's.
  for (const email of s.emails) {
    await trx
      .updateTable("agreement_history")
      .set({ actor_label: label })
      .where(containsInsensitive("actor_label", email))
      .execute();
    await trx
      .updateTable("organisation_posture")
      .set({ recorded_by: label })
      .where(containsInsensitive("recorded_by", email))
      .execute();
    await trx.deleteFrom("rate_limits").where(containsInsensitive("key", email)).execute();
  }

  counts.guestInvitations = Number(
    (await trx.deleteFrom("event_guests").where(about.event_guests(s)).executeTakeFirst()).numDeletedRows,
  );
  counts.groupMemberships = held.groupMemberships.length;
  counts.people =
    s.personIds.length === 0
      ? 0
      : Number((await trx.deleteFrom("people").where("id", "in", s.personIds).executeTakeFirst()).numDeletedRows);
  if (s.userId) {
    // The installation's records of what the account did across communities keep the event, not the person.
    await trx
      .updateTable("programme_audit_events")
      .set({ actor_id: null, actor_label: label })
      .where("actor_id", "=", s.userId)
      .execute();
    for (const side of ["proposed", "accepted", "withdrawn"] as const)
      await trx
        .updateTable("corporate_links")
        .set({ [`${side}_by`]: null, [`${side}_by_label`]: label })
        .where(`${side}_by`, "=", s.userId)
        .execute();
    await trx
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("created_by", "=", s.userId)
      .where("revoked_at", "is", null)
      .execute();
    // Sessions, passwords, TOTP, role grants and the personal feed token go with it (cascade).
    counts.account = Number(
      (await trx.deleteFrom("user").where("id", "=", s.userId).executeTakeFirst()).numDeletedRows,
    );
  }
  return counts;
}

async function scrubAuditEvents(
  trx: Kysely<DB>,
  s: Subject,
  held: PersonalData,
  entityIds: string[],
  label: string,
  placeholder: (email: string) => string,
): Promise<number> {
  const names = new Set<string>();
  for (const p of held.person) {
    for (const n of [
      `${p.familyName} ${p.givenName}`,
      `${p.familyName}${p.givenName}`,
      `${p.familyName}　${p.givenName}`,
      `${p.familyReading} ${p.givenReading}`,
    ])
      names.add(n);
  }
  for (const r of [...held.registrations, ...held.mailingRecipients, ...held.invitations]) names.add(r.name);
  if (held.account) names.add(held.account.name);
  const needles = [...names].map((n) => n.trim()).filter((n) => n.length >= 2);
  const scrubText = (text: string) => {
    let out = text;
    for (const email of s.emails) out = out.replace(new RegExp(escapeRegExp(email), "gi"), placeholder(email));
    for (const name of needles) out = out.split(name).join(label);
    return out;
  };
  // A record of the subject's own rows loses every personal field; any other only the mentions.
  const ownIds = new Set([...s.personIds, ...entityIds, ...(s.userId ? [s.userId] : [])]);
  const scrub = (value: unknown, own: boolean, key?: string): unknown => {
    if (typeof value === "string") return own && key && PERSONAL_KEYS.has(key) ? label : scrubText(value);
    if (Array.isArray(value)) return value.map((v) => scrub(v, own));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, own, k)]));
    }
    return value;
  };
  const rows = await trx.selectFrom("audit_events").selectAll().where(about.audit_events(s, entityIds)).execute();
  for (const row of rows) {
    const mine = row.actor_id !== null && row.actor_id === s.userId;
    const own = row.entity_id !== null && ownIds.has(row.entity_id);
    await trx
      .updateTable("audit_events")
      .set({
        actor_id: mine ? null : row.actor_id,
        actor_label: mine ? label : scrubText(row.actor_label),
        entity_id:
          row.entity_id && s.emails.includes(row.entity_id.toLowerCase()) ? placeholder(row.entity_id) : row.entity_id,
        before_json: row.before_json === null ? null : JSON.stringify(scrub(JSON.parse(row.before_json), own)),
        after_json: row.after_json === null ? null : JSON.stringify(scrub(JSON.parse(row.after_json), own)),
      })
      .where("id", "=", row.id)
      .execute();
  }
  return rows.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

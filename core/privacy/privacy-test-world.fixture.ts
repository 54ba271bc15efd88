/**
 * The report's test year plus one person who left traces everywhere: 山田 太郎 (yamada@example.jp)
 * of 長崎県情報産業協会, with an account, who registered for and attended the seminar, was invited
 * to the survey, received a mailing and mail, downloaded a material and appears in the audit log.
 */
import type { Kysely } from "kysely";
import { authBool, authDate, type DialectName } from "../../db/dialect.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { loadReportTestYear } from "../reports/report-test-year.fixture.ts";

export const YAMADA = { family: "山田", given: "太郎", email: "yamada@example.jp" };
export interface PrivacyWorld {
  personId: string;
  userId: string;
  otherPersonId: string;
  eventId: string;
  surveyId: string;
  registrationId: string;
}

export async function seedPrivacyWorld(db: Kysely<DB>, dialect: DialectName, actor: Actor): Promise<PrivacyWorld> {
  await loadReportTestYear(db, dialect, actor);
  const now = "2021-03-01T00:00:00.000Z";
  const nisa = (
    await db.selectFrom("organisations").select("id").where("name", "=", "長崎県情報産業協会").executeTakeFirstOrThrow()
  ).id;
  await db.updateTable("organisations").set({ membership: "member" }).where("id", "=", nisa).execute();
  const event = await db.selectFrom("events").select("id").executeTakeFirstOrThrow();
  const survey = await db
    .selectFrom("surveys")
    .select("id")
    .where("template", "=", "regional-standard")
    .executeTakeFirstOrThrow();
  const userId = newId();
  await db
    .insertInto("user")
    .values({
      id: userId,
      name: "山田 太郎",
      email: YAMADA.email,
      emailVerified: authBool(dialect, true),
      image: null,
      createdAt: authDate(dialect, new Date(now)),
      updatedAt: authDate(dialect, new Date(now)),
      twoFactorEnabled: authBool(dialect, false),
      locale: "en",
    })
    .execute();
  await db
    .insertInto("role_grants")
    .values({
      id: newId(),
      user_id: userId,
      role: "member",
      scope_type: "organisation",
      scope_id: nisa,
      created_at: now,
      created_by: null,
    })
    .execute();
  await db
    .insertInto("session")
    .values({
      id: newId(),
      expiresAt: authDate(dialect, new Date("2031-01-01")),
      token: "session-token-yamada",
      createdAt: authDate(dialect, new Date(now)),
      updatedAt: authDate(dialect, new Date(now)),
      ipAddress: null,
      userAgent: null,
      userId,
    })
    .execute();
  const person = async (
    family: string,
    given: string,
    email: string,
    user: string | null,
    reading: [string, string],
    phone: string,
  ) => {
    const id = newId();
    await db
      .insertInto("people")
      .values({
        id,
        organisation_id: nisa,
        family_name: family,
        given_name: given,
        family_reading: reading[0],
        given_reading: reading[1],
        department: "技術部",
        title: "主任",
        email,
        phone,
        mail_opt_in: 1,
        user_id: user,
        notes: null,
        search_text: `${family}${given}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const personId = await person(
    YAMADA.family,
    YAMADA.given,
    YAMADA.email,
    userId,
    ["やまだ", "たろう"],
    "095-000-0000",
  );
  const otherPersonId = await person("佐藤", "花子", "sato@example.jp", null, ["さとう", "はなこ"], "095-111-1111");
  await db
    .insertInto("qualifications")
    .values({
      id: newId(),
      person_id: personId,
      kind: "riss",
      name: null,
      registration_number: "012345",
      acquired_on: null,
      renewal_due_on: null,
      created_at: now,
    })
    .execute();
  const meeting = await db.selectFrom("meetings").select("id").executeTakeFirstOrThrow();
  await db
    .insertInto("meeting_attendees")
    .values({
      id: newId(),
      meeting_id: meeting.id,
      organisation_id: nisa,
      person_id: personId,
      attendee_label: "山田 太郎",
      position: 9,
    })
    .execute();
  // The seminar registrant p0 becomes 山田: his registration, checked in at the venue.
  const registration = await db
    .selectFrom("registrations")
    .select("id")
    .where("email", "=", "p0@example.jp")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("registrations")
    .set({
      name: "山田 太郎",
      email: YAMADA.email,
      person_id: personId,
      answers_json: JSON.stringify({ q: "山田です" }),
    })
    .where("id", "=", registration.id)
    .execute();
  await db
    .insertInto("survey_invitations")
    .values({
      id: newId(),
      survey_id: survey.id,
      email: YAMADA.email,
      person_id: personId,
      organisation_id: nisa,
      token_hash: "inv-hash-yamada",
      state: "completed",
      invited_at: now,
      completed_at: "2021-02-01",
      reminded_at: null,
      reminder_count: 0,
    })
    .execute();
  const mailing = newId();
  await db
    .insertInto("mailings")
    .values({
      id: mailing,
      subject: "セミナーのご案内",
      body_template: "{name} 様",
      audience_json: JSON.stringify({ kind: "all-members" }),
      post_id: null,
      status: "sent",
      created_by: null,
      requested_by: null,
      approved_by: null,
      approved_at: null,
      scheduled_at: null,
      started_at: now,
      finished_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const messageId = newId();
  await db
    .insertInto("outbox_messages")
    .values({
      id: messageId,
      kind: "announcement",
      to_address: YAMADA.email,
      subject: "セミナーのご案内",
      text_body: "山田 太郎 様",
      html_body: null,
      attachments_json: null,
      headers_json: "{}",
      message_id: `<${messageId}@chiiki.invalid>`,
      dedupe_key: null,
      status: "sent",
      attempts: 1,
      next_attempt_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: now,
    })
    .execute();
  await db
    .insertInto("mailing_recipients")
    .values({
      id: messageId,
      mailing_id: mailing,
      email: YAMADA.email,
      name: "山田 太郎",
      organisation_name: "長崎県情報産業協会",
      person_id: personId,
      status: "queued",
      outbox_message_id: messageId,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("sharing_downloads")
    .values({
      id: newId(),
      subject_type: "material",
      subject_id: "m1",
      mode: "download",
      user_id: userId,
      actor_label: `山田 太郎 <${YAMADA.email}>`,
      organisation_name: "長崎県情報産業協会",
      tlp_label: "TLP:GREEN",
      at: now,
    })
    .execute();
  await db
    .insertInto("audit_events")
    .values([
      {
        id: newId(),
        at: now,
        actor_type: "user",
        actor_id: "u-office",
        actor_label: "事務局 <office@example.jp>",
        action: "person.create",
        entity_type: "person",
        entity_id: personId,
        before_json: null,
        after_json: JSON.stringify({ family_name: "山田", given_name: "太郎", email: YAMADA.email }),
      },
      {
        id: newId(),
        at: now,
        actor_type: "user",
        actor_id: userId,
        actor_label: `山田 太郎 <${YAMADA.email}>`,
        action: "material.download",
        entity_type: "material",
        entity_id: "m1",
        before_json: null,
        after_json: JSON.stringify({ by: `山田 太郎 <${YAMADA.email}>` }),
      },
    ])
    .execute();
  await db
    .insertInto("rate_limits")
    .values({ key: `sign-in:email:${YAMADA.email}`, window_started_at: now, count: 1 })
    .execute();
  const agreement = await db.selectFrom("agreements").select("id").executeTakeFirstOrThrow();
  await db
    .insertInto("agreement_history")
    .values({
      id: newId(),
      agreement_id: agreement.id,
      at: now,
      actor_label: `山田 太郎 <${YAMADA.email}>`,
      change: "updated",
      details_json: null,
    })
    .execute();
  return { personId, userId, otherPersonId, eventId: event.id, surveyId: survey.id, registrationId: registration.id };
}

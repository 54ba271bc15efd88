import { type ExpressionBuilder, type Expression, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { emailIn, mentionsAny, type Subject } from "./find-subject.ts";

/**
 * Which rows of each table are about a subject: the one definition both the export and the
 * erasure use, so what is shown is what is erased.
 */
type Where<T extends keyof DB> = (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>;

const none = sql<boolean>`1 = 0`;
const idIn = <T extends keyof DB>(eb: ExpressionBuilder<DB, T>, column: string, ids: (string | null)[]) => {
  const values = ids.filter((id): id is string => Boolean(id));
  return values.length === 0 ? none : eb(sql.ref(column), "in", values);
};

export const about = {
  registrations:
    (s: Subject): Where<"registrations"> =>
    (eb) =>
      eb.or([idIn(eb, "person_id", s.personIds), emailIn("email", s.emails), idIn(eb, "user_id", [s.userId])]),
  survey_invitations:
    (s: Subject): Where<"survey_invitations"> =>
    (eb) =>
      eb.or([idIn(eb, "person_id", s.personIds), emailIn("email", s.emails)]),
  mailing_recipients:
    (s: Subject): Where<"mailing_recipients"> =>
    (eb) =>
      eb.or([idIn(eb, "person_id", s.personIds), emailIn("email", s.emails)]),
  outbox_messages:
    (s: Subject): Where<"outbox_messages"> =>
    () =>
      emailIn("to_address", s.emails),
  sharing_downloads:
    (s: Subject): Where<"sharing_downloads"> =>
    (eb) =>
      idIn(eb, "user_id", [s.userId]),
  invitations:
    (s: Subject): Where<"invitations"> =>
    (eb) =>
      eb.or([emailIn("email", s.emails), idIn(eb, "user_id", [s.userId])]),
  meeting_attendees:
    (s: Subject): Where<"meeting_attendees"> =>
    (eb) =>
      idIn(eb, "person_id", s.personIds),
  activity_attendees:
    (s: Subject): Where<"activity_attendees"> =>
    (eb) =>
      idIn(eb, "person_id", s.personIds),
  group_officers:
    (s: Subject): Where<"group_officers"> =>
    (eb) =>
      idIn(eb, "person_id", s.personIds),
  group_memberships:
    (s: Subject): Where<"group_memberships"> =>
    (eb) =>
      idIn(eb, "person_id", s.personIds),
  mail_suppressions:
    (s: Subject): Where<"mail_suppressions"> =>
    () =>
      emailIn("email", s.emails),
  event_guests:
    (s: Subject): Where<"event_guests"> =>
    () =>
      emailIn("email", s.emails),
  event_speakers:
    (s: Subject): Where<"event_speakers"> =>
    () =>
      emailIn("email", s.emails),
  talk_materials:
    (s: Subject): Where<"talk_materials"> =>
    () =>
      emailIn("speaker_email", s.emails),
  /**
   * Events by the subject's account, about their records (the ids of their rows), or whose
   * recorded before/after mentions one of their addresses.
   */
  audit_events:
    (s: Subject, entityIds: string[]): Where<"audit_events"> =>
    (eb) =>
      eb.or([
        idIn(eb, "actor_id", [s.userId]),
        idIn(eb, "entity_id", [...s.personIds, s.userId, ...s.emails, ...entityIds]),
        mentionsAny("before_json", s.emails),
        mentionsAny("after_json", s.emails),
        mentionsAny("actor_label", s.emails),
      ]),
};

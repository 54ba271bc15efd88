/**
 * Where personal data lives, table by table, and what an export and an erasure do with it.
 * docs/privacy.md is written from this list; `personal-data-map.test.ts` reads every table's
 * columns from the database itself and fails when a column that can name a person (a name, an
 * address, a person or user id, an actor's label) is in a table or column not classified here.
 *
 * - `erase`: `delete` the rows, `pseudonymise` them (counts stay, name and address go), or
 *   `keep` them (why is said in `why`);
 * - `exported`: the export of a person includes the table's rows about them.
 */
export type Erasure = "delete" | "pseudonymise" | "keep";

export interface TableTreatment {
  exported: boolean;
  erase: Erasure;
  /** The personal columns, each with what happens to it. */
  columns: Record<string, string>;
  why: string;
}

export const personalDataMap = {
  people: {
    exported: true,
    erase: "delete",
    why: "the registry record itself",
    columns: { family_name: "deleted", given_name: "deleted", email: "deleted", user_id: "deleted" },
  },
  qualifications: {
    exported: true,
    erase: "delete",
    why: "deleted with the person (foreign key cascade)",
    columns: { person_id: "deleted", name: "deleted" },
  },
  trainings: {
    exported: true,
    erase: "delete",
    why: "deleted with the person (cascade)",
    columns: { person_id: "deleted" },
  },
  group_memberships: {
    exported: true,
    erase: "delete",
    why: "deleted with the person (cascade)",
    columns: { person_id: "deleted" },
  },
  group_officers: {
    exported: true,
    erase: "pseudonymise",
    why: "the post stays (vacant), the holder goes",
    columns: { person_id: "set to null" },
  },
  meeting_attendees: {
    exported: true,
    erase: "pseudonymise",
    why: "attendance counts stay",
    columns: { person_id: "set to null", attendee_label: "pseudonym" },
  },
  activity_attendees: {
    exported: true,
    erase: "pseudonymise",
    why: "attendance counts stay",
    columns: { person_id: "set to null", attendee_label: "pseudonym" },
  },
  registrations: {
    exported: true,
    erase: "pseudonymise",
    why: "seat, status, check-in, organisation and sector stay for the seminar figures and the annual report",
    columns: {
      name: "pseudonym",
      email: "placeholder address",
      person_id: "set to null",
      user_id: "set to null",
      organisation_name: "kept: the organisation, not the person (figures by organisation)",
      online_minutes: "kept: minutes in the online tool's report, for the figures (no name once pseudonymised)",
      locale: "kept: the language of the mails (ja or en), which names nobody",
    },
  },
  survey_invitations: {
    exported: true,
    erase: "pseudonymise",
    why: "response rates stay; responses are never linked to invitations",
    columns: { email: "placeholder address", person_id: "set to null" },
  },
  survey_responses: {
    exported: false,
    erase: "keep",
    why: "responses are anonymous (never linked to a person or an invitation); a response marked invalid names the secretariat account that marked it",
    columns: { excluded_by: "kept: an account id" },
  },
  survey_text_reviews: {
    exported: false,
    erase: "keep",
    why: "the secretariat's decision on a free-text answer; its reviewer is an account id",
    columns: { reviewed_by: "kept: an account id" },
  },
  mailing_recipients: {
    exported: true,
    erase: "pseudonymise",
    why: "a mailing's delivery counts stay",
    columns: {
      email: "placeholder address",
      name: "pseudonym",
      person_id: "set to null",
      organisation_name: "kept: the organisation, not the person",
      locale: "kept: the language of the message (ja or en), which names nobody",
    },
  },
  outbox_messages: {
    exported: true,
    erase: "pseudonymise",
    why: "delivery records stay; the address and the bodies go",
    columns: {
      to_address: "placeholder address (bodies cleared, unsent mail given up)",
      locked_by: "a worker process",
    },
  },
  sharing_downloads: {
    exported: true,
    erase: "pseudonymise",
    why: "download counts per material stay",
    columns: {
      user_id: "set to null",
      actor_label: "pseudonym",
      organisation_name: "kept: the organisation",
      tlp_label: "a TLP label",
    },
  },
  audit_events: {
    exported: true,
    erase: "pseudonymise",
    why: "the log keeps every event; names and addresses in it are replaced",
    columns: { actor_id: "set to null for the erased account", actor_label: "pseudonym" },
  },
  invitations: {
    exported: true,
    erase: "pseudonymise",
    why: "who invited whom stays countable",
    columns: {
      email: "placeholder address",
      name: "pseudonym",
      user_id: "set to null",
      invited_by: "kept: an account id",
    },
  },
  user: {
    exported: true,
    erase: "delete",
    why: "the account is removed (sessions, passwords, 2FA and roles cascade)",
    columns: { name: "deleted", email: "deleted", emailVerified: "deleted" },
  },
  session: {
    exported: true,
    erase: "delete",
    why: "cascade with the account (the export gives the count)",
    columns: { userId: "deleted" },
  },
  account: {
    exported: false,
    erase: "delete",
    why: "password hashes: never exported, cascade with the account",
    columns: { userId: "deleted" },
  },
  twoFactor: {
    exported: false,
    erase: "delete",
    why: "TOTP secrets: never exported, cascade with the account",
    columns: { userId: "deleted" },
  },
  role_grants: {
    exported: true,
    erase: "delete",
    why: "cascade with the account",
    columns: { user_id: "deleted", created_by: "kept: an account id" },
  },
  personal_feed_tokens: {
    exported: false,
    erase: "delete",
    why: "a secret; cascade with the account",
    columns: { user_id: "deleted" },
  },
  api_tokens: {
    exported: true,
    erase: "keep",
    why: "tokens the erased account created are revoked; the name names the token",
    columns: { name: "kept: a token's name", created_by: "kept: an account id that no longer exists" },
  },
  communities: {
    exported: false,
    erase: "keep",
    why: "the installation's communities (ADR 035): an organisation's name and its sender, never a person's",
    columns: { name: "kept: the community's name", sender_name: "kept: the secretariat's sender name" },
  },
  programmes: {
    exported: false,
    erase: "keep",
    why: "a programme (a bureau's communities): an office's name, never a person's",
    columns: { name: "kept: the programme's name", name_en: "kept: the programme's name" },
  },
  programme_staff: {
    exported: true,
    erase: "delete",
    why: "which programme's office an account is on (docs/programme.md): in the export under the account; deleted with the account (cascade)",
    columns: { user_id: "deleted" },
  },
  programme_audit_events: {
    exported: true,
    erase: "pseudonymise",
    why: "a programme office's log of what it took away (the KPI sheet, the summary report); names and addresses in it are replaced",
    columns: { actor_id: "set to null for the erased account", actor_label: "pseudonym" },
  },
  corporate_links: {
    exported: false,
    erase: "pseudonymise",
    why: "two communities' consent that their organisations are one company (ADR 039): the consent and its time stay, an erased account's id and label go (the steps are in the audit logs, which are exported)",
    columns: {
      proposed_by: "set to null for the erased account",
      proposed_by_label: "pseudonym",
      accepted_by: "set to null for the erased account",
      accepted_by_label: "pseudonym",
      withdrawn_by: "set to null for the erased account",
      withdrawn_by_label: "pseudonym",
    },
  },
  rate_limits: {
    exported: false,
    erase: "delete",
    why: "counters keyed by address expire within minutes; erasure deletes them",
    columns: {},
  },
  mail_suppressions: {
    exported: true,
    erase: "keep",
    why: "the address that asked for no announcements is kept so that it is never mailed again (利用停止)",
    columns: { email: "kept" },
  },
  event_guests: {
    exported: true,
    erase: "delete",
    why: "an invitation to a seminar as a guest; their registration (if any) is pseudonymised with the others",
    columns: { email: "deleted", name: "deleted" },
  },
  event_speakers: {
    exported: true,
    erase: "keep",
    why: "a seminar's published programme (speakers are public; changed on request by the secretariat)",
    columns: { name: "kept", email: "kept" },
  },
  talk_materials: {
    exported: true,
    erase: "keep",
    why: "the consent a speaker gave must stay provable",
    columns: {
      speaker_name: "kept",
      speaker_email: "kept",
      file_name: "kept: a file's name",
      uploaded_by: "kept: an account id",
    },
  },
  material_consents: {
    exported: false,
    erase: "keep",
    why: "consent records (decided_by is the speaker's address)",
    columns: { decided_by: "kept" },
  },
  activity_talks: { exported: false, erase: "keep", why: "a talk's speaker as printed in the programme", columns: {} },
  verification: {
    exported: false,
    erase: "keep",
    why: "Better Auth's one-time codes, expiring within minutes",
    columns: {},
  },
  privacy_requests: {
    exported: false,
    erase: "keep",
    why: "the log of requests holds a pseudonym and a keyed hash, never the name or address",
    columns: { email_hash: "keyed hash", requested_by: "the secretariat member or 'self'" },
  },
  organisation_posture: {
    exported: false,
    erase: "pseudonymise",
    why: "an organisation's posture history stays; an erased account's label as its recorder is replaced",
    columns: { recorded_by: "pseudonym" },
  },
  agreement_history: {
    exported: false,
    erase: "pseudonymise",
    why: "the history stays; an erased account's label is replaced",
    columns: { actor_label: "pseudonym" },
  },
  // Tables whose name-like columns name no natural person.
  organisations: {
    exported: true,
    erase: "keep",
    why: "an organisation (exported as the person's organisation)",
    columns: { name: "an organisation" },
  },
  groups: { exported: true, erase: "keep", why: "a group", columns: { name: "a group's name" } },
  decisions: {
    exported: false,
    erase: "keep",
    why: "owned by an organisation",
    columns: { owner_label: "an organisation or body" },
  },
  event_seat_types: { exported: false, erase: "keep", why: "a seat type", columns: { label: "a seat type's label" } },
  agreement_attachments: {
    exported: false,
    erase: "keep",
    why: "a file",
    columns: { file_name: "a file", uploaded_by: "an account id" },
  },
  post_attachments: {
    exported: false,
    erase: "keep",
    why: "a file",
    columns: { file_name: "a file", uploaded_by: "an account id" },
  },
  post_shares: {
    exported: false,
    erase: "keep",
    why: "a post shared with another community (ADR 038); who shared it is an account id",
    columns: { shared_by: "an account id" },
  },
  material_shares: {
    exported: false,
    erase: "keep",
    why: "a talk material shared with another community (ADR 038); who shared it is an account id",
    columns: { shared_by: "an account id" },
  },
  posts: {
    exported: false,
    erase: "keep",
    why: "a post; its author is an account id",
    columns: { created_by: "an account id" },
  },
  mailings: {
    exported: false,
    erase: "keep",
    why: "a mailing; its people are account ids",
    columns: { created_by: "an account id", requested_by: "an account id", approved_by: "an account id" },
  },
  community_imports: {
    exported: false,
    erase: "keep",
    why: "expires unconfirmed within a day",
    columns: { created_by: "an account id" },
  },
  posture_imports: {
    exported: false,
    erase: "keep",
    why: "a posture import batch: organisations' security marks, no person; its author is an account id",
    columns: { created_by: "an account id" },
  },
  survey_question_mappings: {
    exported: false,
    erase: "keep",
    why: "how a survey's questions map to the question bank; its editor is an account id",
    columns: { updated_by: "an account id" },
  },
  report_edits: {
    exported: false,
    erase: "keep",
    why: "an edit of the report",
    columns: { updated_by: "an account label" },
  },
  events: { exported: false, erase: "keep", why: "a seminar", columns: { venue_name: "a venue" } },
} as const satisfies Record<string, TableTreatment>;

export type ClassifiedTable = keyof typeof personalDataMap;

/**
 * A column that can name a person: names, addresses, person and user ids, actors' labels and
 * the `*_by` columns that hold who did something.
 */
export function mayNamePerson(column: string): boolean {
  return /(^|_)(name|email|person_id|user_id|label|speaker_email)$|^userId$|email|^actor_id$|^to_address$|_by$/.test(
    column,
  );
}

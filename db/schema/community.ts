import type { ColumnType } from "kysely";
/** Table types of the community registry (migration 0100-community). */

export interface OrganisationTable {
  id: string;
  name: string;
  reading: string;
  /** industry | academia | government | finance | media | nonprofit | other */
  sector: string;
  /** questionnaire q3 code */
  prefecture: string | null;
  /** questionnaire q1 code */
  industry: string | null;
  /** questionnaire q2 code */
  size_band: string | null;
  /** member | partner | none */
  membership: string;
  membership_type: string | null;
  member_since: string | null;
  website: string | null;
  address: string | null;
  notes: string | null;
  search_text: string;
  merged_into_id: string | null;
  /** 法人番号: 13 digits, check digit validated (core/community/corporate-number.ts); none when not given */
  corporate_number: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  organisation_id: string | null;
  family_name: string;
  given_name: string;
  family_reading: string;
  given_reading: string;
  department: string | null;
  title: string | null;
  /** lower case */
  email: string | null;
  phone: string | null;
  mail_opt_in: number;
  user_id: string | null;
  notes: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface QualificationTable {
  id: string;
  person_id: string;
  /** riss (登録セキスペ) | cissp | cism | cisa | giac | other */
  kind: string;
  name: string | null;
  registration_number: string | null;
  acquired_on: string | null;
  renewal_due_on: string | null;
  created_at: string;
}

export interface TrainingTable {
  id: string;
  person_id: string;
  title: string;
  provider: string | null;
  attended_on: string | null;
  created_at: string;
}

export interface AgreementTable {
  id: string;
  title: string;
  purpose: string | null;
  signed_on: string | null;
  /** in-force | ended */
  status: string;
  ended_on: string | null;
  notes: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface AgreementPartyTable {
  id: string;
  agreement_id: string;
  organisation_id: string;
  signatory_title: string | null;
  position: number;
}

export interface AgreementAttachmentTable {
  id: string;
  agreement_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  /** key in the file storage under `agreements/` (core/storage; on the local disk, the path under `<dataDir>/uploads/agreements/`) */
  storage_key: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface AgreementHistoryTable {
  id: string;
  agreement_id: string;
  at: string;
  actor_label: string;
  /** created | updated | party-added | party-removed | attachment-added | attachment-removed */
  change: string;
  details_json: string | null;
}

export interface GroupTable {
  id: string;
  /** research-group | working-group | consortium | external-community | committee */
  kind: string;
  name: string;
  reading: string;
  host_organisation_id: string | null;
  description: string | null;
  founded_on: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMembershipTable {
  id: string;
  group_id: string;
  organisation_id: string | null;
  person_id: string | null;
  joined_on: string | null;
  position: number;
}

export interface GroupOfficerTable {
  id: string;
  group_id: string;
  /** 会長, 副会長, 部会長, 監事, 幹事, 事務局, キーパーソン or free text */
  role: string;
  /** null = vacant (未任命) unless organisation_id names the body holding the post */
  person_id: string | null;
  organisation_id: string | null;
  term_start: string | null;
  term_end: string | null;
  position: number;
}

export interface MeetingTable {
  id: string;
  /** null = ad hoc meeting (関係者会議) */
  group_id: string | null;
  title: string;
  starts_at: string;
  ends_at: string | null;
  place: string | null;
  online_tool: string | null;
  agenda: string | null;
  minutes_markdown: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendeeTable {
  id: string;
  meeting_id: string;
  organisation_id: string | null;
  person_id: string | null;
  attendee_label: string | null;
  position: number;
}

export interface DecisionTable {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
  owner_organisation_id: string | null;
  owner_label: string | null;
  due_on: string | null;
  /** open | done | dropped */
  status: string;
  created_at: string;
  updated_at: string;
}

export interface ActivityTable {
  id: string;
  held_on: string;
  /** webinar | general-assembly | study-session | meeting | training | other */
  kind: string;
  organiser: string | null;
  title: string;
  description: string | null;
  group_id: string | null;
  url: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ActivityTalkTable {
  id: string;
  activity_id: string;
  position: number;
  title: string;
  speaker: string | null;
  affiliation: string | null;
}

export interface ActivityAttendeeTable {
  id: string;
  activity_id: string;
  organisation_id: string | null;
  person_id: string | null;
  attendee_label: string | null;
  position: number;
}

/** A parsed import waiting for confirmation; nothing reaches the registry until it is confirmed. */
export interface CommunityImportTable {
  id: string;
  token_hash: string;
  /** organisations | people */
  kind: string;
  created_by: string | null;
  rows_json: string;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
}

export interface CommunityTables {
  organisations: OrganisationTable;
  people: PersonTable;
  qualifications: QualificationTable;
  trainings: TrainingTable;
  agreements: AgreementTable;
  agreement_parties: AgreementPartyTable;
  agreement_attachments: AgreementAttachmentTable;
  agreement_history: AgreementHistoryTable;
  groups: GroupTable;
  group_memberships: GroupMembershipTable;
  group_officers: GroupOfficerTable;
  meetings: MeetingTable;
  meeting_attendees: MeetingAttendeeTable;
  decisions: DecisionTable;
  activities: ActivityTable;
  activity_talks: ActivityTalkTable;
  activity_attendees: ActivityAttendeeTable;
  community_imports: CommunityImportTable;
  organisation_posture: OrganisationPostureTable;
  posture_imports: PostureImportTable;
}

/** One recorded fact of an organisation's security posture; the latest of each kind is current. */
export interface OrganisationPostureTable {
  id: string;
  organisation_id: string;
  /** security-action | scs | otasuketai | cyber-insurance | self-check (core/community/posture-codes.ts) */
  kind: string;
  /** per kind: one-star | two-star; star-3 | star-4; yes | no; self-check: IPA's band full | high | mid | low */
  level: string;
  /** 宣言ID, the service's or insurer's name */
  reference: string | null;
  /** YYYY-MM-DD: declared, certified or in use since */
  since: string | null;
  /** YYYY-MM-DD: a mark's expiry */
  valid_until: string | null;
  note: string | null;
  /** who recorded it (an actor label) */
  recorded_by: string;
  recorded_at: string;
  /** self-check: the total, −25..100 (migration 0115); null for other kinds */
  score: ColumnType<number | null, number | null | undefined, number | null>;
  /** self-check: the survey answered (migration 0115) */
  survey_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** the posture import (migration 0120) that wrote it, or null when recorded by hand */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A posture import batch (migration 0120): checked rows under a one-time token, then committed. */
export interface PostureImportTable {
  id: string;
  token_hash: string;
  created_by: string | null;
  rows_json: string;
  created_at: string;
  expires_at: string;
  committed_at: string | null;
  written: number | null;
}

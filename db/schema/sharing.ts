/** Table types of information sharing and mailings (migration 0400-sharing). */
import type { ColumnType } from "kysely";

export interface PostTable {
  id: string;
  /** advisory | news | case */
  kind: string;
  title: string;
  /** plain-Japanese summary for SMEs */
  summary: string;
  /** Markdown; rendered with HTML escaped */
  body: string;
  source_organisation: string | null;
  source_url: string | null;
  /** low | medium | high | critical, or null */
  severity: string | null;
  affected_products: string | null;
  what_to_do: string | null;
  /** CLEAR | GREEN | AMBER | AMBER+STRICT | RED */
  tlp: string;
  /** JSON array of organisations.id (AMBER, AMBER+STRICT) */
  audience_organisation_ids: string;
  /** JSON array of people.id (RED) */
  audience_person_ids: string;
  /** draft | published */
  status: string;
  /** the feed subscription an ingested post came from, and the item's guid there */
  feed_subscription_id: string | null;
  feed_item_guid: string | null;
  search_text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface PostAttachmentTable {
  id: string;
  post_id: string;
  file_name: string;
  /** detected from the content, never from the name */
  content_type: string;
  size_bytes: number;
  /** key in the file storage under `sharing/` (core/storage; on the local disk, the path under `<dataDir>/uploads/sharing/`) */
  storage_key: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface TalkMaterialTable {
  id: string;
  /** events.id and event_sessions.id when the events capability knows the talk */
  event_id: string | null;
  session_id: string | null;
  title: string;
  /** slides | pdf | video */
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  speaker_name: string;
  /** lower case; the consent request goes here and the speaker is recognised by it */
  speaker_email: string | null;
  consent_token_hash: string | null;
  consent_requested_at: string | null;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** Every consent a speaker gave, newest last; the newest one not withdrawn is in force. */
export interface MaterialConsentTable {
  id: string;
  material_id: string;
  /** organisers | attendees | group | members | public */
  scope: string;
  /** groups.id when scope is `group` (migration 0413) */
  group_id: string | null;
  /** JSON array of copyright | portrait: the rights granted */
  rights: string;
  /** JSON array of slides | recording | photos: the media the consent is for */
  media: string;
  download_allowed: number;
  decided_at: string;
  decided_by: string;
  withdrawn_at: string | null;
}

export interface SharingDownloadTable {
  id: string;
  /** post-attachment | material */
  subject_type: string;
  subject_id: string;
  /** view (inline preview, stream) | download */
  mode: string;
  user_id: string | null;
  actor_label: string;
  organisation_name: string | null;
  tlp_label: string | null;
  at: string;
}

export interface FeedSubscriptionTable {
  id: string;
  title: string;
  url: string;
  /** the TLP new drafts start with */
  default_tlp: string;
  last_fetched_at: string | null;
  /** the last fetch that read the feed (migration 0411): what a gap is measured from */
  last_succeeded_at: string | null;
  /**
   * A gap: the oldest item was newer than the last good fetch, so items published between
   * `gap_from` and `gap_until` may have been lost; kept until the secretariat dismisses it.
   */
  gap_from: string | null;
  gap_until: string | null;
  /** a FeedFailureReason (core/sharing/fetch-feed-document.ts), null after a good fetch */
  last_error: string | null;
  /** what the reason is about: the refused address or port, the HTTP status, the network error */
  last_error_detail: string | null;
  created_at: string;
}

export interface PersonalFeedTokenTable {
  user_id: string;
  token_hash: string;
  created_at: string;
  /** renewed by every use (at most hourly); 90 days unused and the token expires */
  last_used_at: string | null;
}

export interface MailingTable {
  id: string;
  subject: string;
  /** text with {name} and {organisation} merge fields */
  body_template: string;
  /** The English version (migration 0421): both or neither; recipients whose language is English get it. */
  subject_en: ColumnType<string | null, string | null | undefined, string | null>;
  body_template_en: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON: { kind: "all-members" | "sector" | "group" | "event-registrants" | "event-attendees" | "survey-non-respondents" | "hand-picked", … } */
  audience_json: string;
  /** a post the mailing carries; recipients it does not reach are skipped */
  post_id: string | null;
  /** draft | awaiting-approval | approved | sending | sent | cancelled */
  status: string;
  created_by: string | null;
  requested_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailingRecipientTable {
  id: string;
  mailing_id: string;
  email: string;
  name: string;
  organisation_name: string | null;
  person_id: string | null;
  /** ja | en: the language this recipient's message is written in (migration 0421) */
  locale: ColumnType<string, string | undefined, string>;
  /** pending | queued | skipped-unsubscribed | skipped-bounced | skipped-not-entitled */
  status: string;
  outbox_message_id: string | null;
  created_at: string;
}

/** Addresses that asked not to receive announcements. Bounces are read from the outbox. */
export interface MailSuppressionTable {
  email: string;
  reason: string;
  created_at: string;
}

/**
 * A post or material shared with another community of the installation (migration 0720, ADR 038).
 * The row is the publisher's (`community_id`); `target_community_id` is the receiving community.
 */
export interface PostShareTable {
  post_id: string;
  target_community_id: string;
  /** the account that shared it */
  shared_by: string | null;
  shared_at: string;
}

export interface MaterialShareTable {
  material_id: string;
  target_community_id: string;
  shared_by: string | null;
  shared_at: string;
}

export interface SharingTables {
  posts: PostTable;
  post_attachments: PostAttachmentTable;
  talk_materials: TalkMaterialTable;
  material_consents: MaterialConsentTable;
  sharing_downloads: SharingDownloadTable;
  feed_subscriptions: FeedSubscriptionTable;
  personal_feed_tokens: PersonalFeedTokenTable;
  mailings: MailingTable;
  mailing_recipients: MailingRecipientTable;
  mail_suppressions: MailSuppressionTable;
  post_shares: PostShareTable;
  material_shares: MaterialShareTable;
}

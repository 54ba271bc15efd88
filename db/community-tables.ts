/**
 * Which tables hold a community's records (ADR 035). Every table is in exactly one of the two
 * lists below (db/community-tables.test.ts checks it against the migrated schema): a table in
 * `COMMUNITY_TABLES` has `community_id` (not null, a foreign key to `communities`), and the scope
 * plugin (db/community-scope.ts) rewrites every query on it for the request's community.
 */
export const COMMUNITY_TABLES = [
  // foundation
  "role_grants",
  "invitations",
  "api_tokens",
  "outbox_messages",
  "audit_events",
  "app_settings",
  // registry
  "organisations",
  "organisation_posture",
  "posture_imports",
  "people",
  "qualifications",
  "trainings",
  "agreements",
  "agreement_parties",
  "agreement_attachments",
  "agreement_history",
  "groups",
  "group_memberships",
  "group_officers",
  "meetings",
  "meeting_attendees",
  "decisions",
  "activities",
  "activity_talks",
  "activity_attendees",
  "community_imports",
  // events
  "events",
  "event_sessions",
  "event_speakers",
  "event_seat_types",
  "event_guests",
  "event_press_coverage",
  "registrations",
  // surveys
  "surveys",
  "survey_invitations",
  "survey_responses",
  "survey_response_texts",
  "survey_tallies",
  "survey_answer_patterns",
  "survey_text_reviews",
  "survey_question_mappings",
  // sharing and mailings
  "posts",
  "post_attachments",
  "talk_materials",
  "material_consents",
  "sharing_downloads",
  "feed_subscriptions",
  "personal_feed_tokens",
  "mailings",
  "mailing_recipients",
  "mail_suppressions",
  // sharing across communities (migration 0720, ADR 038): the publisher's rows, read by targets over root
  "post_shares",
  "material_shares",
  // reports and privacy
  "report_edits",
  "privacy_requests",
] as const;

/**
 * Tables shared by the whole installation: the communities themselves, Better Auth's (an account
 * may hold roles in several communities, through `role_grants`), and the process-wide rate limits.
 */
export const INSTALLATION_TABLES = [
  "communities",
  // the programme office (migration 0710): it spans communities and reads only aggregates
  "programmes",
  "programme_communities",
  "programme_staff",
  "programme_audit_events",
  // consent of two communities that their organisations with one 法人番号 are one company
  // (migration 0730, ADR 039): read and written only by core/corporate-links/across-communities.ts
  "corporate_links",
  "user",
  "session",
  "account",
  "verification",
  "twoFactor",
  "rateLimit",
  "rate_limits",
] as const;

export type CommunityTable = (typeof COMMUNITY_TABLES)[number];

/**
 * The unique keys that hold per community (migration 0700 made each start with `community_id`),
 * without that first column. An `on conflict (…)` naming one of them gets `community_id` added
 * by the scope plugin; any other conflict target (`id`, a random token) is unique installation-wide.
 */
export const COMMUNITY_KEYS: Partial<Record<CommunityTable, readonly (readonly string[])[]>> = {
  app_settings: [["key"]],
  mail_suppressions: [["email"]],
  personal_feed_tokens: [["user_id"]],
  feed_subscriptions: [["url"]],
  outbox_messages: [["dedupe_key"]],
  report_edits: [["fiscal_year", "block_id"]],
  survey_tallies: [["survey_id", "question", "row_key", "value"]],
  survey_answer_patterns: [["survey_id", "question", "value_key"]],
  survey_text_reviews: [["response_id", "question", "kind"]],
  survey_question_mappings: [["survey_id", "question"]],
  people: [["user_id"]],
  posts: [["feed_subscription_id", "feed_item_guid"]],
};

/** Whether `columns` (in any order) are one of `table`'s per-community keys. */
export function isCommunityKey(table: string, columns: readonly string[]): boolean {
  const keys = COMMUNITY_KEYS[table as CommunityTable] ?? [];
  return keys.some((key) => key.length === columns.length && key.every((c) => columns.includes(c)));
}

const communityTables: ReadonlySet<string> = new Set(COMMUNITY_TABLES);

export function isCommunityTable(name: string): name is CommunityTable {
  return communityTables.has(name);
}

/**
 * Kysely table types for every table the migrations create.
 *
 * Conventions shared by both dialects (see docs/decisions/002-kysely-two-dialects.md):
 * - our timestamps are ISO-8601 UTC text with milliseconds (`2021-01-27T06:00:00.000Z`),
 *   calendar dates are `YYYY-MM-DD` text, flags are integers 0/1, JSON is text;
 * - Better Auth's own tables keep the column types Better Auth expects per dialect.
 */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { CommunityTables } from "./schema/community.ts";
import type { EventTables } from "./schema/events.ts";
import type { SurveyTables } from "./schema/surveys.ts";
import type { SharingTables } from "./schema/sharing.ts";
import type { ReportTables } from "./schema/reports.ts";
import type { PrivacyTables } from "./schema/privacy.ts";
import type { ProgrammeTables } from "./schema/programmes.ts";
import type { CommunityTable } from "./community-tables.ts";

type AuthDate = ColumnType<Date, Date | string, Date | string>;
type AuthBool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: AuthBool;
  image: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  twoFactorEnabled: AuthBool | null;
  locale: string | null;
}

export interface SessionTable {
  id: string;
  expiresAt: AuthDate;
  token: string;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  /** Whether this session passed the account's second factor (migration 0002). */
  secondFactorVerified: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: AuthDate | null;
  refreshTokenExpiresAt: AuthDate | null;
  scope: string | null;
  password: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: AuthDate;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface TwoFactorTable {
  id: string;
  secret: string;
  backupCodes: string;
  userId: string;
  verified: AuthBool | null;
  failedVerificationCount: number | null;
  lockedUntil: AuthDate | null;
}

export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number;
}

/** A role held by a user, globally (secretariat) or within one organisation, group or event. */
export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface InvitationTable {
  id: string;
  email: string;
  name: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  user_id: string | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OutboxMessageTable {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON `[{ filename, contentType, content }]` (migration 0200-events), null without attachments. */
  attachments_json: string | null;
  headers_json: string;
  message_id: string;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface RateLimitTable {
  key: string;
  window_started_at: string;
  count: number;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/** The foundation's tables (accounts, outbox, audit, settings). */
export interface FoundationTables {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  twoFactor: TwoFactorTable;
  rateLimit: AuthRateLimitTable;
  role_grants: RoleGrantTable;
  invitations: InvitationTable;
  api_tokens: ApiTokenTable;
  outbox_messages: OutboxMessageTable;
  audit_events: AuditEventTable;
  rate_limits: RateLimitTable;
  app_settings: AppSettingTable;
}

/** The communities one installation hosts (migration 0700, ADR 035). */
export interface CommunitiesTable {
  id: string;
  slug: string;
  name: string;
  name_en: string | null;
  sender_name: string | null;
  sender_address: string | null;
  /** The host name its pages answer at, or null (then only under `/c/<slug>/`). */
  host: string | null;
  created_at: string;
}

/**
 * Every table. Each capability declares its own tables in `db/schema/<capability>.ts` and adds
 * its interface here, so parallel work touches one line of this file.
 */
export interface Tables
  extends FoundationTables,
    CommunityTables,
    EventTables,
    SurveyTables,
    SharingTables,
    ReportTables,
    PrivacyTables,
    ProgrammeTables {
  communities: CommunitiesTable;
}

/**
 * `community_id` on every community table (db/community-tables.ts): readable, never written by
 * the code: the scope plugin (db/community-scope.ts) sets it on every insert.
 */
export type DB = {
  [T in keyof Tables]: T extends CommunityTable
    ? Tables[T] & { community_id: ColumnType<string, never, never> }
    : Tables[T];
};

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type { Generated };

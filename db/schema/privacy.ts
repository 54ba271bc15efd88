/** Table types of personal-data requests (migration 0600-privacy). */

export interface PrivacyRequestTable {
  id: string;
  /** export | erase | self-erase */
  kind: string;
  /** pending | done | expired */
  state: string;
  /** The pseudonym of the person concerned (`#a1b2c3`), never their name. */
  subject_ref: string;
  /** Keyed hash of the address a self-service link was asked for. */
  email_hash: string | null;
  token_hash: string | null;
  requested_by: string;
  requested_at: string;
  expires_at: string | null;
  completed_at: string | null;
  counts_json: string | null;
}

export interface PrivacyTables {
  privacy_requests: PrivacyRequestTable;
}

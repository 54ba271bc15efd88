/** The programme office's tables (migrations 0710, 0730) and the cross-community links (0730). Not community tables: they span communities. */
export interface ProgrammeTables {
  programmes: { id: string; slug: string; name: string; name_en: string | null; created_at: string };
  programme_communities: { programme_id: string; community_id: string; position: number };
  programme_staff: { programme_id: string; user_id: string; created_at: string };
  /** What a programme's office took away (migration 0730): the programme's own audit log. */
  programme_audit_events: {
    id: string;
    programme_id: string;
    at: string;
    actor_type: string;
    actor_id: string | null;
    actor_label: string;
    action: string;
    after_json: string | null;
  };
  /**
   * Two communities' consent that an organisation of each, with the same 法人番号, is one company
   * (migration 0730, ADR 039). Linked when accepted and not withdrawn.
   */
  corporate_links: {
    id: string;
    corporate_number: string;
    proposer_community_id: string;
    proposer_organisation_id: string;
    proposed_by: string | null;
    proposed_by_label: string;
    proposed_at: string;
    partner_community_id: string;
    partner_organisation_id: string | null;
    accepted_by: string | null;
    accepted_by_label: string | null;
    accepted_at: string | null;
    withdrawn_by: string | null;
    withdrawn_by_label: string | null;
    withdrawn_by_community_id: string | null;
    withdrawn_at: string | null;
  };
}

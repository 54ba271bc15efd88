/** The programme office's tables (migration 0710). Not community tables: they span communities. */
export interface ProgrammeTables {
  programmes: { id: string; slug: string; name: string; name_en: string | null; created_at: string };
  programme_communities: { programme_id: string; community_id: string; position: number };
  programme_staff: { programme_id: string; user_id: string; created_at: string };
}

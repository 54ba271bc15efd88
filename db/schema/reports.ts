/** Table types of the annual report (migration 0500-reports). */

/**
 * The secretariat's edit of one narrative block of one fiscal year's report. Only edits are
 * stored: a block without a row prints the text generated from the data, so regenerating the
 * report picks up new data and keeps every edit.
 */
export interface ReportEditTable {
  id: string;
  fiscal_year: number;
  /** The block's stable id in the report tree, e.g. `s1.purpose`, `s5.considerations`. */
  block_id: string;
  text: string;
  updated_at: string;
  updated_by: string;
}

export interface ReportTables {
  report_edits: ReportEditTable;
}

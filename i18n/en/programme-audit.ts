import type { programmeAudit as ja } from "../ja/programme-audit.ts";

/** A programme office's own audit log. */
export const programmeAudit: Record<keyof typeof ja, string> = {
  "programme.audit.title": "{name} — exports",
  "programme.audit.link": "Exports log",
  "programme.audit.lead": "The files this programme's office exported (KPI sheets, summary reports), newest first.",
  "programme.audit.empty": "Nothing exported yet.",
  "programme.audit.at": "When",
  "programme.audit.actor": "Exported by",
  "programme.audit.action": "What",
  "programme.audit.detail": "Covering",
  "programme.audit.years": "FY{from}–FY{to}",
  "programme.audit.year": "FY{year}",
  "programme.audit.action.programme.kpi-sheet.export": "KPI sheet (XLSX) exported",
  "programme.audit.action.programme.report.export": "Summary report exported",
  "programme.audit.back": "Back to the key figures",
};

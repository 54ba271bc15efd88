/** A programme office's own audit log (core/programme/record-programme-audit-event.ts). */
export const programmeAudit = {
  "programme.audit.title": "{name} — 書き出しの記録",
  "programme.audit.link": "書き出しの記録",
  "programme.audit.lead":
    "このプログラムの事務局が書き出したファイル（KPIシート、まとめ報告書）の記録です。新しい順に表示します。",
  "programme.audit.empty": "まだ書き出しはありません。",
  "programme.audit.at": "日時",
  "programme.audit.actor": "書き出した人",
  "programme.audit.action": "内容",
  "programme.audit.detail": "対象",
  "programme.audit.years": "{from}〜{to}年度",
  "programme.audit.year": "{year}年度",
  "programme.audit.action.programme.kpi-sheet.export": "KPIシート（XLSX）の書き出し",
  "programme.audit.action.programme.report.export": "まとめ報告書の書き出し",
  "programme.audit.back": "取組状況に戻る",
} as const;

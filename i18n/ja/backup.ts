/** Backup and restore (core/backup/): messages for the operator. */
export const backup = {
  "error.backup-invalid": "バックアップファイルを復元できません。{detail}",
  "error.restore-target-not-empty":
    "復元先にデータがあるため復元しません（{tables}）。空のインストール（新しいデータディレクトリ、または新しい空のデータベース）に復元してください。",
  "backup.reason.unreadable": "ファイル {file} を読み込めません。",
  "backup.reason.damaged": "ファイルが壊れているか、gzip 形式ではありません。",
  "backup.reason.not-backup": "Chiiki のバックアップファイルではありません。",
  "backup.reason.version": "対応していない形式のバージョン（{version}）です。新しい Chiiki で復元してください。",
  "backup.reason.migrations":
    "バックアップを作成した Chiiki とバージョンが異なります（バックアップにのみあるマイグレーション: {missing}／復元先にのみあるマイグレーション: {extra}）。作成時と同じバージョンの Chiiki に復元してから更新してください。",
  "backup.reason.tables": "テーブル {table} の構成が復元先と一致しません。",
  "backup.reason.line": "{line} 行目の内容が正しくありません。",
  "backup.reason.truncated": "ファイルが途中で切れています（最後まで書き込まれていません）。",
} as const;

import type { backup as ja } from "../ja/backup.ts";

export const backup: Record<keyof typeof ja, string> = {
  "error.backup-invalid": "The backup cannot be restored. {detail}",
  "error.restore-target-not-empty":
    "Not restoring: the target already holds data ({tables}). Restore into an empty installation (a new data directory, or a new empty database).",
  "backup.reason.unreadable": "Cannot read the file {file}.",
  "backup.reason.damaged": "The file is damaged or not gzip-compressed.",
  "backup.reason.not-backup": "This is not a Chiiki backup file.",
  "backup.reason.version": "Unsupported backup format version ({version}). Restore it with a newer Chiiki.",
  "backup.reason.migrations":
    "The backup was made by a different version of Chiiki (migrations only in the backup: {missing}; only in this installation: {extra}). Restore with the version that made the backup, then upgrade.",
  "backup.reason.tables": "Table {table} does not match this installation's schema.",
  "backup.reason.line": "Line {line} is malformed.",
  "backup.reason.truncated": "The file is cut short (it was not written to the end).",
};

import type { cli as ja } from "../ja/cli.ts";

export const cli: Record<keyof typeof ja, string> = {
  "cli.usage": "Usage: npx chiiki [--community SLUG] <command> [options]  (messages in English: --lang en)",
  "cli.commands": "Commands:",
  "cli.helpHint": "Details of a command: npx chiiki help <command>",
  "cli.commandUsage": "Usage: npx chiiki {usage}",
  "cli.unknownCommand": "Unknown command: {command}",
  "cli.unknownCommunity": "No community has the slug {slug} (see docs/communities.md)",
  "cli.summary.community-create": "Creates another community in this installation (docs/communities.md)",
  "cli.summary.community-list": "Lists the communities of this installation",
  "cli.community.created":
    "Community {slug} created ({id}); invite its secretariat with: npx chiiki --community {slug} admin create …",
  "cli.badArguments": "Invalid arguments: {detail}",
  "cli.failed": "Failed: {message}",
  "cli.fieldError": "  {field}: {message}",
  "cli.summary.help": "List the commands and how to use them",
  "cli.summary.migrate": "Apply the database migrations",
  "cli.summary.admin-create":
    "Create a secretariat account (password from --password, standard input or CHIIKI_ADMIN_PASSWORD)",
  "cli.summary.token-create": "Create an API token and print only the token, on the last line",
  "cli.summary.token-list": "List the API tokens",
  "cli.summary.token-revoke": "Revoke an API token",
  "cli.summary.demo": "Load the demo year (Nagasaki, FY2020); running it again changes nothing",
  "cli.summary.backup": "Back up the database and uploaded files into one file",
  "cli.summary.restore": "Restore a backup into an empty installation (also SQLite ⇔ PostgreSQL)",
  "cli.migrate.applied": "Applied: {name}",
  "cli.migrate.upToDate": "The database is up to date ({count} migrations applied).",
  "cli.admin.passwordPrompt": "Password (at least {min} characters): ",
  "cli.admin.noPassword":
    "No password given. Pass --password, write it to standard input, or set CHIIKI_ADMIN_PASSWORD.",
  "cli.admin.created": "Secretariat account created: {email}",
  "cli.admin.granted":
    "The existing account {email} is now a secretariat of this community too (its password and second factor are unchanged).",
  "cli.admin.installed": "First secretariat account created; setup is complete: {email}",
  "cli.admin.twoFactorNext":
    "After the first sign-in you will be asked to set up two-factor sign-in with an authenticator app.",
  "cli.token.created":
    'API token "{name}" created (ID: {id}). The token is shown on the next line only, and never again.',
  "cli.token.none": "There are no API tokens.",
  "cli.token.header": "ID\tName\tRole\tScope\tCreated\tLast used\tRevoked",
  "cli.token.revoked": "API token {id} revoked.",
  "cli.demo.done": "The demo data is loaded.",
  "cli.backup.done": "Backup written: {file} ({tables} tables, {rows} rows, {files} files)",
  "cli.restore.done": "Restored: {file} ({tables} tables, {rows} rows, {files} files)",
};

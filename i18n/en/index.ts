import { accounts } from "./accounts.ts";
import { audit } from "./audit.ts";
import { backup } from "./backup.ts";
import { cli } from "./cli.ts";
import { common } from "./common.ts";
import { community } from "./community.ts";
import { events } from "./events.ts";
import { files } from "./files.ts";
import { reports } from "./reports.ts";
import { surveys } from "./surveys.ts";
import { sharing } from "./sharing.ts";
import { privacy } from "./privacy.ts";
import { qbank } from "./qbank.ts";
import { programme } from "./programme.ts";
import { links } from "./links.ts";
import { programmeAudit } from "./programme-audit.ts";

export const en = {
  ...common,
  ...community,
  ...events,
  ...accounts,
  ...backup,
  ...cli,
  ...reports,
  ...surveys,
  ...sharing,
  ...audit,
  ...files,
  ...privacy,
  ...qbank,
  ...programme,
  ...links,
  ...programmeAudit,
};

import { isInstalled } from "#core/accounts/create-secretariat-account.ts";
import type { Services } from "../../server/services.ts";

const known = new WeakSet<Services>();

/** Installed never becomes uninstalled, so once seen it is remembered for the process. */
export async function installed(services: Services): Promise<boolean> {
  if (known.has(services)) return true;
  if (await isInstalled(services.accounts)) {
    known.add(services);
    return true;
  }
  return false;
}

export async function communityName(services: Services): Promise<string> {
  const row = await services.database.db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "community_name")
    .executeTakeFirst();
  return row?.value ?? "Chiiki";
}

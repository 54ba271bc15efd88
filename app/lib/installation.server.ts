import { isInstalled } from "#core/accounts/create-secretariat-account.ts";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { getCommunityName } from "#core/accounts/get-community-name.ts";
import type { Services } from "../../server/services.ts";

const known = new WeakSet<Services>();

/** Installed never becomes uninstalled, so once seen it is remembered for the process. */
export async function installed(services: Services): Promise<boolean> {
  if (known.has(services)) return true;
  if (await isInstalled(accountsDepsFrom(services))) {
    known.add(services);
    return true;
  }
  return false;
}

export function communityName(services: Services): Promise<string> {
  return getCommunityName(accountsDepsFrom(services));
}

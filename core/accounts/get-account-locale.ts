import { isLocale, type Locale } from "../../i18n/index.ts";
import type { Actor } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";

/** The language an account chose, if any (a cookie of the browser's own comes first: request-state). */
export async function getAccountLocale(deps: Pick<AccountsDeps, "db">, actor: Actor): Promise<Locale | null> {
  if (actor.kind !== "user") return null;
  const row = await deps.db.selectFrom("user").select("locale").where("id", "=", actor.userId).executeTakeFirst();
  return isLocale(row?.locale) ? row.locale : null;
}

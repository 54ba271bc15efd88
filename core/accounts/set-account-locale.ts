import { z } from "zod";
import { type Locale, locales } from "../../i18n/index.ts";
import { parseInput } from "../shared/validation.ts";
import type { Actor } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";

const localeSchema = z.object({ locale: z.enum(locales) });

/**
 * The language switch: anyone may choose (the caller keeps it in a cookie); a signed-in person's
 * choice is also kept as the account's preference, so mail and the next device use it. An unknown
 * language is `validation-failed` and changes nothing.
 */
export async function setAccountLocale(
  deps: Pick<AccountsDeps, "db">,
  actor: Actor,
  input: { locale?: unknown },
): Promise<Locale> {
  const { locale } = parseInput(localeSchema, input);
  if (actor.kind === "user") await deps.db.updateTable("user").set({ locale }).where("id", "=", actor.userId).execute();
  return locale;
}

import { z } from "zod";
import { containsInsensitive } from "../../db/dialect.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import type { PrivacyDeps } from "./deps.ts";
import { listPrivacyRequests, type PrivacyRequestView } from "./list-privacy-requests.ts";
import { getRetentionSettings, type RetentionSettings } from "./retention-settings.ts";

export const overviewQuery = z.object({ q: z.string().trim().max(200, { message: "field.too-long" }).optional() });

export interface PrivacyOverview {
  query: string;
  matches: { id: string; name: string; email: string | null; organisation: string | null }[];
  requests: PrivacyRequestView[];
  retention: RetentionSettings;
}

/** The secretariat's privacy page: people matching a search, the log of requests, the retention settings. */
export async function getPrivacyOverview(deps: PrivacyDeps, actor: Actor, input: unknown): Promise<PrivacyOverview> {
  requireSecretariat(actor);
  const { q = "" } = parseInput(overviewQuery, input);
  const words = q.split(/[\s\u3000]+/).filter(Boolean);
  const matches =
    words.length === 0
      ? []
      : await deps.db
          .selectFrom("people")
          .leftJoin("organisations", "organisations.id", "people.organisation_id")
          .select([
            "people.id",
            "people.family_name",
            "people.given_name",
            "people.email",
            "organisations.name as organisation",
          ])
          .where((eb) =>
            eb.and(
              words.map((w) =>
                eb.or([
                  containsInsensitive("people.search_text", w),
                  containsInsensitive("people.email", w),
                  containsInsensitive("people.family_name", w),
                  containsInsensitive("people.given_name", w),
                ]),
              ),
            ),
          )
          .orderBy("people.family_reading")
          .limit(50)
          .execute();
  return {
    query: q,
    matches: matches.map((p) => ({
      id: p.id,
      name: `${p.family_name} ${p.given_name}`,
      email: p.email,
      organisation: p.organisation,
    })),
    requests: await listPrivacyRequests(deps, actor),
    retention: await getRetentionSettings(deps.db),
  };
}

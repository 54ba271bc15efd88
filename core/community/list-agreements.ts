import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import { agreementStatuses } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { childCount, pageOf, parseListQuery } from "../shared/list-page.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";

export const agreementListQuery = z
  .object({
    ...listQueryFields,
    status: z.enum(agreementStatuses).optional(),
    organisationId: z.string().max(40).optional(),
  })
  .meta({ id: "AgreementListQuery" });

export const agreementSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    signedOn: z.string().nullable(),
    status: z.string(),
    parties: z.number(),
  })
  .meta({ id: "AgreementSummary" });
export type AgreementSummary = z.infer<typeof agreementSummary>;

/** Finds an agreement by its title or purpose, or by the name or reading of one of its parties. */
export async function listAgreements(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<Page<AgreementSummary>> {
  requireSecretariat(actor);
  const query = parseListQuery(agreementListQuery, input);
  let base = deps.db.selectFrom("agreements");
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) {
    base = base.where((eb) =>
      eb.or([
        searchTextContains("agreements.search_text", needle),
        eb(
          "agreements.id",
          "in",
          eb
            .selectFrom("agreement_parties")
            .innerJoin("organisations", "organisations.id", "agreement_parties.organisation_id")
            .select("agreement_parties.agreement_id")
            .where(searchTextContains("organisations.search_text", needle)),
        ),
      ]),
    );
  }
  if (query.status) base = base.where("status", "=", query.status);
  if (query.organisationId) {
    const organisationId = query.organisationId;
    base = base.where("agreements.id", "in", (eb) =>
      eb.selectFrom("agreement_parties").select("agreement_id").where("organisation_id", "=", organisationId),
    );
  }
  return pageOf(
    base,
    query,
    (page) =>
      page
        .select((eb) => [
          "agreements.id",
          "agreements.title",
          "agreements.signed_on",
          "agreements.status",
          childCount(
            eb.selectFrom("agreement_parties").whereRef("agreement_parties.agreement_id", "=", "agreements.id"),
            "parties",
          ),
        ])
        .orderBy("agreements.signed_on", "desc")
        .orderBy("agreements.id", "desc"),
    (rows) =>
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        signedOn: r.signed_on,
        status: r.status,
        parties: Number(r.parties ?? 0),
      })),
  );
}

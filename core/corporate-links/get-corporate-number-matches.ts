import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { findOrganisationRow } from "../community/find-organisation-row.ts";
import { communitiesHoldingNumber, type LinkRow, openLinksOf } from "./across-communities.ts";
import type { CorporateLinkDeps } from "./deps.ts";

export type CorporateLinkState = "proposed-by-us" | "proposed-to-us" | "linked";

export interface CorporateNumberMatch {
  communityId: string;
  /** the other community's name: the only thing of it shown */
  name: string;
  /** the open proposal or link with that community, or none */
  link: { id: string; state: CorporateLinkState; since: string } | null;
}

/** The other community of a link row, as seen from `communityId`. */
export function otherSide(link: LinkRow, communityId: string): string {
  return link.proposer_community_id === communityId ? link.partner_community_id : link.proposer_community_id;
}

export function stateOf(link: LinkRow, communityId: string): { state: CorporateLinkState; since: string } {
  if (link.accepted_at) return { state: "linked", since: link.accepted_at };
  return {
    state: link.proposer_community_id === communityId ? "proposed-by-us" : "proposed-to-us",
    since: link.proposed_at,
  };
}

/**
 * For the secretariat, on an organisation's page: the other communities of this installation that
 * registered the same 法人番号 (by name only: that a record exists, nothing of it), and for each
 * the link or proposal between the two records, if any (ADR 039).
 */
export async function getCorporateNumberMatches(
  deps: CorporateLinkDeps,
  actor: Actor,
  organisationId: string,
): Promise<CorporateNumberMatch[]> {
  requireSecretariat(actor);
  const row = await findOrganisationRow(deps.db, organisationId);
  if (!row.corporate_number || row.merged_into_id) return [];
  const organisation = { id: row.id, corporateNumber: row.corporate_number };
  const [communities, links] = await Promise.all([
    communitiesHoldingNumber(deps.root, deps.communityId, organisation.corporateNumber),
    openLinksOf(deps.root, deps.communityId, organisation),
  ]);
  return communities.map((c) => {
    // A link already made takes the place of proposals; of two proposals, the one to us (accepting it links).
    const mine = links.filter((l) => otherSide(l, deps.communityId) === c.communityId);
    const shown =
      mine.find((l) => l.accepted_at) ?? mine.find((l) => l.proposer_community_id !== deps.communityId) ?? mine[0];
    return { ...c, link: shown ? { id: shown.id, ...stateOf(shown, deps.communityId) } : null };
  });
}

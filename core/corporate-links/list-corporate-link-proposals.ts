import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { communityNames, proposalsAwaiting } from "./across-communities.ts";
import type { CorporateLinkDeps } from "./deps.ts";

export interface CorporateLinkProposal {
  id: string;
  /** this community's organisation with the number (its own record) */
  organisationId: string;
  organisationName: string;
  corporateNumber: string;
  /** the proposing community, by name only */
  communityName: string;
  proposedAt: string;
}

/** For the secretariat's to-dos: proposals from other communities waiting for this community's consent. */
export async function listCorporateLinkProposals(
  deps: CorporateLinkDeps,
  actor: Actor,
): Promise<CorporateLinkProposal[]> {
  requireSecretariat(actor);
  const waiting = await proposalsAwaiting(deps.root, deps.communityId);
  const names = await communityNames(deps.root, [...new Set(waiting.map((w) => w.link.proposer_community_id))]);
  return waiting.map(({ link, organisationId, organisationName }) => ({
    id: link.id,
    organisationId,
    organisationName,
    corporateNumber: link.corporate_number,
    communityName: names.get(link.proposer_community_id) ?? "",
    proposedAt: link.proposed_at,
  }));
}

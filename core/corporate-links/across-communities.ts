/**
 * The one module that reads and writes across communities for the 法人番号 links (ADR 039), on
 * the installation's unscoped `root`. What leaves it about another community is its id, its name,
 * that it holds an organisation with the number, and the state of a link (who proposed, when):
 * never an organisation's name, id, field or person of the other community. Every query here
 * names the communities it reads itself, as the scope plugin does not guard `root`.
 */
import type { Kysely, Transaction } from "kysely";
import { communityScope } from "../../db/community-scope.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, actorId, actorLabel } from "../accounts/actor.ts";
import type { AuditAction } from "../audit/audit-actions.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";

export type LinkRow = DB["corporate_links"];

/** Another community of the installation, by the name its secretariat set (else the row's own). */
export interface OtherCommunity {
  communityId: string;
  name: string;
}

/** The names of these communities, the secretariat's own setting first (as the programme office shows them). */
export async function communityNames(root: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await root
    .selectFrom("communities")
    .leftJoin("app_settings", (join) =>
      join.onRef("app_settings.community_id", "=", "communities.id").on("app_settings.key", "=", "community_name"),
    )
    .select((eb) => ["communities.id", eb.fn.coalesce("app_settings.value", "communities.name").as("name")])
    .where("communities.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The other communities with a current (not merged away) organisation holding `corporateNumber`. */
export async function communitiesHoldingNumber(
  root: Kysely<DB>,
  communityId: string,
  corporateNumber: string,
): Promise<OtherCommunity[]> {
  const rows = await root
    .selectFrom("organisations")
    .innerJoin("communities", "communities.id", "organisations.community_id")
    .select(["communities.id", "communities.created_at"])
    .distinct()
    .where("organisations.corporate_number", "=", corporateNumber)
    .where("organisations.merged_into_id", "is", null)
    .where("organisations.community_id", "<>", communityId)
    .orderBy("communities.created_at")
    .orderBy("communities.id")
    .execute();
  const names = await communityNames(
    root,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ communityId: r.id, name: names.get(r.id) ?? "" }));
}

/**
 * The links and proposals not withdrawn that concern `organisationId` of `communityId`: those it
 * proposed, those accepted for it, and those proposed to its community for its number (any of
 * the community's organisations with that number may accept; there is at most one, as a
 * registry refuses a second). A row counts only while the proposing organisation, and the
 * accepting one once there is one, still hold the link's number and were not merged away.
 */
export async function openLinksOf(
  root: Kysely<DB>,
  communityId: string,
  organisation: { id: string; corporateNumber: string },
): Promise<LinkRow[]> {
  return root
    .selectFrom("corporate_links")
    .innerJoin("organisations as po", "po.id", "corporate_links.proposer_organisation_id")
    .leftJoin("organisations as ao", "ao.id", "corporate_links.partner_organisation_id")
    .selectAll("corporate_links")
    .where("corporate_links.withdrawn_at", "is", null)
    .where("corporate_links.corporate_number", "=", organisation.corporateNumber)
    .whereRef("po.corporate_number", "=", "corporate_links.corporate_number")
    .where("po.merged_into_id", "is", null)
    .where((eb) =>
      eb.or([
        eb("corporate_links.partner_organisation_id", "is", null),
        eb.and([
          eb("ao.corporate_number", "=", eb.ref("corporate_links.corporate_number")),
          eb("ao.merged_into_id", "is", null),
        ]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([
          eb("corporate_links.proposer_community_id", "=", communityId),
          eb("corporate_links.proposer_organisation_id", "=", organisation.id),
        ]),
        eb.and([
          eb("corporate_links.partner_community_id", "=", communityId),
          eb.or([
            eb("corporate_links.partner_organisation_id", "is", null),
            eb("corporate_links.partner_organisation_id", "=", organisation.id),
          ]),
        ]),
      ]),
    )
    .orderBy("corporate_links.proposed_at")
    .execute();
}

/** Proposals to `communityId` waiting for its consent, each with the community's organisation it is about. */
export async function proposalsAwaiting(
  root: Kysely<DB>,
  communityId: string,
): Promise<{ link: LinkRow; organisationId: string; organisationName: string }[]> {
  const rows = await root
    .selectFrom("corporate_links")
    .innerJoin("organisations as po", "po.id", "corporate_links.proposer_organisation_id")
    .innerJoin("organisations as mine", (join) =>
      join
        .onRef("mine.corporate_number", "=", "corporate_links.corporate_number")
        .on("mine.community_id", "=", communityId)
        .on("mine.merged_into_id", "is", null),
    )
    .selectAll("corporate_links")
    .select(["mine.id as mine_id", "mine.name as mine_name"])
    .where("corporate_links.partner_community_id", "=", communityId)
    .where("corporate_links.accepted_at", "is", null)
    .where("corporate_links.withdrawn_at", "is", null)
    .whereRef("po.corporate_number", "=", "corporate_links.corporate_number")
    .where("po.merged_into_id", "is", null)
    .orderBy("corporate_links.proposed_at")
    .execute();
  return rows.map(({ mine_id, mine_name, ...link }) => ({
    link,
    organisationId: mine_id,
    organisationName: mine_name,
  }));
}

export async function findLink(root: Kysely<DB>, id: string): Promise<LinkRow | undefined> {
  return root.selectFrom("corporate_links").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A new proposal from `organisation` of `communityId` to `partnerCommunityId`. */
export async function insertProposal(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  proposal: { communityId: string; organisationId: string; corporateNumber: string; partnerCommunityId: string },
): Promise<LinkRow> {
  const now = clock.now();
  const row: LinkRow = {
    id: newId(now.getTime()),
    corporate_number: proposal.corporateNumber,
    proposer_community_id: proposal.communityId,
    proposer_organisation_id: proposal.organisationId,
    proposed_by: actorId(actor),
    proposed_by_label: actorLabel(actor),
    proposed_at: now.toISOString(),
    partner_community_id: proposal.partnerCommunityId,
    partner_organisation_id: null,
    accepted_by: null,
    accepted_by_label: null,
    accepted_at: null,
    withdrawn_by: null,
    withdrawn_by_label: null,
    withdrawn_by_community_id: null,
    withdrawn_at: null,
  };
  await trx.insertInto("corporate_links").values(row).execute();
  return row;
}

/** The partner's consent; false when the proposal was no longer open (accepted or withdrawn meanwhile). */
export async function markAccepted(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  link: LinkRow,
  organisationId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("corporate_links")
    .set({
      partner_organisation_id: organisationId,
      accepted_by: actorId(actor),
      accepted_by_label: actorLabel(actor),
      accepted_at: clock.now().toISOString(),
    })
    .where("id", "=", link.id)
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Either side's withdrawal (of a proposal, or of the consent to a link); false when already withdrawn. */
export async function markWithdrawn(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  link: LinkRow,
  communityId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("corporate_links")
    .set({
      withdrawn_by: actorId(actor),
      withdrawn_by_label: actorLabel(actor),
      withdrawn_by_community_id: communityId,
      withdrawn_at: clock.now().toISOString(),
    })
    .where("id", "=", link.id)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * One audit record in each of the link's two communities, in the same transaction: each names its
 * own organisation (or none yet) and the other community by name, nothing else of the other side.
 * The acting community's record names the actor; the other's names the acting community only, so
 * no community learns who works at another's secretariat (`corporate_links` keeps who, ADR 039).
 */
export async function auditInBoth(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  action: AuditAction,
  link: LinkRow,
  actingCommunityId: string,
): Promise<void> {
  const sides = [
    {
      community: link.proposer_community_id,
      organisation: link.proposer_organisation_id,
      other: link.partner_community_id,
    },
    {
      community: link.partner_community_id,
      organisation: link.partner_organisation_id,
      other: link.proposer_community_id,
    },
  ];
  const names = await communityNames(trx, [link.proposer_community_id, link.partner_community_id]);
  for (const side of sides) {
    const acting = side.community === actingCommunityId;
    await recordAuditEvent(trx.withPlugin(communityScope(side.community)), clock, actor, {
      action,
      entityType: "corporate-link",
      entityId: link.id,
      after: {
        corporateNumber: link.corporate_number,
        organisationId: side.organisation,
        otherCommunity: names.get(side.other) ?? null,
      },
      ...(acting
        ? {}
        : { recordedAs: { type: "community", id: side.other, label: names.get(side.other) ?? side.other } }),
    });
  }
}

import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { organisationSearchText } from "./organisation-input.ts";
import { fullOrganisation, type OrganisationRecord } from "./organisation-record.ts";

export const mergeOrganisationsInput = z
  .object({ duplicateId: z.string().min(1), keepId: z.string().min(1) })
  .meta({ id: "MergeOrganisations" });

/**
 * Two records that turn out to be the same body: everything that points at the duplicate (people,
 * group memberships and officers, agreement parties, attendances, decision owners) moves to the
 * one kept, rows that would then be twins are dropped, empty fields of the kept record are filled
 * from the duplicate, and the duplicate stays behind as a tombstone (`merged_into_id`) so old
 * links can follow it. The other capabilities' references move as well — seminar registrations
 * and speakers, survey invitations, and the organisations a TLP AMBER post is shared with — since
 * none of them follows the tombstone: left behind, an AMBER post listing the duplicate would no
 * longer reach the people who just moved to the record kept.
 */
export async function mergeOrganisations(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<OrganisationRecord> {
  requireSecretariat(actor);
  const { duplicateId, keepId } = parseInput(mergeOrganisationsInput, input);
  if (duplicateId === keepId)
    throw new AppError("validation-failed", { fields: [{ field: "keepId", code: "community-merge-same" }] });
  return deps.db.transaction().execute(async (trx) => {
    const duplicate = await findOrganisationRow(trx, duplicateId);
    const keep = await findOrganisationRow(trx, keepId);
    if (duplicate.merged_into_id || keep.merged_into_id) throw new AppError("conflict");

    await trx
      .deleteFrom("group_memberships")
      .where("organisation_id", "=", duplicateId)
      .where("person_id", "is", null)
      .where("group_id", "in", (eb) =>
        eb
          .selectFrom("group_memberships")
          .select("group_id")
          .where("organisation_id", "=", keepId)
          .where("person_id", "is", null),
      )
      .execute();
    await trx
      .deleteFrom("agreement_parties")
      .where("organisation_id", "=", duplicateId)
      .where("agreement_id", "in", (eb) =>
        eb.selectFrom("agreement_parties").select("agreement_id").where("organisation_id", "=", keepId),
      )
      .execute();
    await trx
      .deleteFrom("meeting_attendees")
      .where("organisation_id", "=", duplicateId)
      .where("person_id", "is", null)
      .where("meeting_id", "in", (eb) =>
        eb
          .selectFrom("meeting_attendees")
          .select("meeting_id")
          .where("organisation_id", "=", keepId)
          .where("person_id", "is", null),
      )
      .execute();
    await trx
      .deleteFrom("activity_attendees")
      .where("organisation_id", "=", duplicateId)
      .where("person_id", "is", null)
      .where("activity_id", "in", (eb) =>
        eb
          .selectFrom("activity_attendees")
          .select("activity_id")
          .where("organisation_id", "=", keepId)
          .where("person_id", "is", null),
      )
      .execute();
    await trx
      .updateTable("people")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("group_memberships")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("group_officers")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("groups")
      .set({ host_organisation_id: keepId })
      .where("host_organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("agreement_parties")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("meeting_attendees")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("activity_attendees")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("decisions")
      .set({ owner_organisation_id: keepId })
      .where("owner_organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("organisations")
      .set({ merged_into_id: keepId })
      .where("merged_into_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("registrations")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("event_speakers")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    await trx
      .updateTable("survey_invitations")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    // The duplicate's posture history (declarations, self-check scores) joins the kept record's.
    await trx
      .updateTable("organisation_posture")
      .set({ organisation_id: keepId })
      .where("organisation_id", "=", duplicateId)
      .execute();
    // Audiences are JSON lists of ids (ids are base32: no LIKE wildcard can occur in them).
    const shared = await trx
      .selectFrom("posts")
      .select(["id", "audience_organisation_ids"])
      .where("audience_organisation_ids", "like", `%"${duplicateId}"%`)
      .execute();
    for (const post of shared) {
      const ids = (JSON.parse(post.audience_organisation_ids) as string[]).map((id) =>
        id === duplicateId ? keepId : id,
      );
      await trx
        .updateTable("posts")
        .set({ audience_organisation_ids: JSON.stringify([...new Set(ids)]) })
        .where("id", "=", post.id)
        .execute();
    }

    const filled: Record<string, unknown> = {};
    for (const column of [
      "reading",
      "prefecture",
      "industry",
      "size_band",
      "membership_type",
      "member_since",
      "website",
      "address",
      "notes",
    ] as const) {
      if (!keep[column] && duplicate[column]) filled[column] = duplicate[column];
    }
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable("organisations")
      .set({ ...filled, search_text: organisationSearchText({ ...keep, ...filled }), updated_at: now })
      .where("id", "=", keepId)
      .execute();
    await trx
      .updateTable("organisations")
      .set({ merged_into_id: keepId, updated_at: now })
      .where("id", "=", duplicateId)
      .execute();
    const after = await findOrganisationRow(trx, keepId);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.merge",
      entityType: "organisation",
      entityId: keepId,
      before: { keep, duplicate },
      after,
    });
    return fullOrganisation(after);
  });
}

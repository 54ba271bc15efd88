import { z } from "zod";
import { groupKinds } from "./codes.ts";
import { optionalDate, optionalId, optionalText, requiredText } from "./fields.ts";
import { patchColumns } from "./patch-columns.ts";

const memberInput = z
  .object({ organisationId: optionalId(), personId: optionalId(), joinedOn: optionalDate() })
  .refine((m) => Boolean(m.organisationId || m.personId), { message: "field.community-member-empty" });
/** An officer without a person is a vacant post (未任命), unless a body holds it (organisationId). */
const officerInput = z
  .object({
    role: requiredText(50),
    personId: optionalId(),
    organisationId: optionalId(),
    termStart: optionalDate(),
    termEnd: optionalDate(),
  })
  .refine((o) => !o.termStart || !o.termEnd || o.termEnd >= o.termStart, {
    path: ["termEnd"],
    message: "field.community-ends-before-start",
  });

export const groupInput = z
  .object({
    kind: z.enum(groupKinds),
    name: requiredText(200),
    reading: optionalText(200),
    hostOrganisationId: optionalId(),
    description: optionalText(4000),
    foundedOn: optionalDate(),
    members: z.array(memberInput).max(500).optional(),
    officers: z.array(officerInput).max(50).optional(),
  })
  .meta({ id: "GroupInput" });
export const groupPatch = groupInput.partial().meta({ id: "GroupPatch" });
export type GroupPatch = z.infer<typeof groupPatch>;

export function groupColumns(input: GroupPatch): Record<string, unknown> {
  return patchColumns(
    input,
    {
      kind: "kind",
      name: "name",
      reading: "reading",
      hostOrganisationId: "host_organisation_id",
      description: "description",
      foundedOn: "founded_on",
    },
    // A cleared reading is "": the column is NOT NULL.
    { reading: "" },
  );
}

export function groupChildRows(input: GroupPatch) {
  return {
    members: input.members?.map((m) => ({
      organisation_id: m.organisationId ?? null,
      person_id: m.personId ?? null,
      joined_on: m.joinedOn ?? null,
    })),
    officers: input.officers?.map((o) => ({
      role: o.role,
      person_id: o.personId ?? null,
      organisation_id: o.organisationId ?? null,
      term_start: o.termStart ?? null,
      term_end: o.termEnd ?? null,
    })),
    referenced: {
      organisations: [
        input.hostOrganisationId,
        ...(input.members ?? []).map((m) => m.organisationId),
        ...(input.officers ?? []).map((o) => o.organisationId),
      ],
      people: [...(input.members ?? []).map((m) => m.personId), ...(input.officers ?? []).map((o) => o.personId)],
    },
  };
}

import { deletePerson } from "#core/community/delete-person.ts";
import { getPerson } from "#core/community/get-person.ts";
import { personPatch } from "#core/community/person-input.ts";
import { personRecord } from "#core/community/person-record.ts";
import { updatePerson } from "#core/community/update-person.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/people/{id}",
  access: { get: "signed-in", patch: "signed-in", delete: "signed-in" },
  record: personRecord,
  the: "The person",
  summaries: {
    get: "One person with qualifications and training",
    patch: "Change a person (lists given replace qualifications and training)",
    delete: "Remove a person",
  },
  patch: personPatch,
  get: getPerson,
  update: updatePerson,
  remove: deletePerson,
});

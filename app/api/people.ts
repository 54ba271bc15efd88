import { createPerson } from "#core/community/create-person.ts";
import { listPeople, personListQuery } from "#core/community/list-people.ts";
import { personInput } from "#core/community/person-input.ts";
import { personRecord } from "#core/community/person-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/people",
  list: {
    summary:
      "People: the secretariat sees everyone, a member contact the people of their own organisation; search by name, reading or e-mail",
    access: "signed-in",
    query: personListQuery,
    item: personRecord,
    run: listPeople,
  },
  create: {
    summary: "Add a person (a member contact: to their own organisation only)",
    access: "signed-in",
    body: personInput,
    record: personRecord,
    run: createPerson,
  },
});

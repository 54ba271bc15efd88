import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { getRegistrationPrefill } from "./get-registration-prefill.ts";
import { member } from "../../tests/fixtures/events.ts";
import { insertOrganisation } from "../../tests/fixtures/rows.ts";

describe.each(testDatabases)("registration prefill on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("fills a signed-in person's name, e-mail and organisation from the registry entry with their e-mail; nothing for the anonymous", async () => {
    expect(await getRegistrationPrefill(t.db, anonymous)).toBeNull();
    expect(await getRegistrationPrefill(t.db, member)).toMatchObject({
      name: "会員",
      email: "m@member.example.jp",
      organisation: "",
    });
    const at = "2021-01-01T00:00:00.000Z";
    await insertOrganisation(t.db, {
      id: "org-1",
      name: "長崎工業会",
      reading: "ながさきこうぎょうかい",
      prefecture: null,
      membership: "member",
      created_at: at,
      updated_at: at,
    });
    await t.db
      .insertInto("people")
      .values({
        id: "p-1",
        organisation_id: "org-1",
        family_name: "長崎",
        given_name: "花子",
        family_reading: "ながさき",
        given_reading: "はなこ",
        department: null,
        title: null,
        email: "m@member.example.jp",
        phone: null,
        mail_opt_in: 1,
        user_id: null,
        search_text: "長崎花子",
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    expect(await getRegistrationPrefill(t.db, member)).toEqual({
      name: "長崎 花子",
      email: "m@member.example.jp",
      organisation: "長崎工業会",
      organisationId: "org-1",
      sector: "industry",
    });
  });
});

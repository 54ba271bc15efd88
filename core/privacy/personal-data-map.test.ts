import { describe, expect, it } from "vitest";
import { describeTables } from "../../db/describe-tables.ts";
import { secretariatActor } from "../../tests/fixtures/actors.ts";
import { insertPerson, insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { erasePerson } from "./erase-person.ts";
import { exportPerson } from "./export-person.ts";
import { mayNamePerson, personalDataMap } from "./personal-data-map.ts";

describe.each(testDatabases)("the personal-data map on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("classifies every table and column that can name a person (a new one fails here until classified)", async () => {
    const tables = await describeTables(t.db);
    const map: Record<string, { columns: Record<string, string> }> = personalDataMap;
    const unclassified = tables.flatMap((table) =>
      table.columns
        .map((c) => c.name)
        .filter((column) => mayNamePerson(column) && !(column in (map[table.name]?.columns ?? {})))
        .map((column) => `${table.name}.${column}`),
    );
    expect(unclassified, "add these to core/privacy/personal-data-map.ts (exported? erased? kept, and why)").toEqual(
      [],
    );
  });

  it("names only tables and columns that exist", async () => {
    const tables = new Map((await describeTables(t.db)).map((table) => [table.name, table.columns.map((c) => c.name)]));
    const stale = Object.entries(personalDataMap).flatMap(([table, treatment]) =>
      !tables.has(table)
        ? [table]
        : Object.keys(treatment.columns)
            .filter((c) => !tables.get(table)!.includes(c))
            .map((c) => `${table}.${c}`),
    );
    expect(stale).toEqual([]);
  });

  it("exports the installation's tables it says it exports: programme offices and what they exported", async () => {
    expect(personalDataMap.programme_staff.exported).toBe(true);
    expect(personalDataMap.programme_audit_events.exported).toBe(true);
    const officer = await insertUser(t.db, t.dialect, { name: "九州 一郎", email: "officer@example.jp" });
    const personId = await insertPerson(t.db, {
      family_name: "九州",
      given_name: "一郎",
      email: "officer@example.jp",
      user_id: officer.userId,
    });
    const at = "2021-04-01T00:00:00.000Z";
    await t.root
      .insertInto("programmes")
      .values({ id: "pg1", slug: "kyushu", name: "九州経済産業局", name_en: null, created_at: at })
      .execute();
    await t.root
      .insertInto("programme_staff")
      .values({ programme_id: "pg1", user_id: officer.userId, created_at: at })
      .execute();
    await t.root
      .insertInto("programme_audit_events")
      .values({
        id: "pa1",
        programme_id: "pg1",
        at,
        actor_type: "user",
        actor_id: officer.userId,
        actor_label: "九州 一郎 <officer@example.jp>",
        action: "programme.kpi-sheet.export",
        after_json: JSON.stringify({ fromYear: 2020, toYear: 2020 }),
      })
      .execute();
    const deps = {
      db: t.db,
      clock: fixedClock(at),
      baseUrl: "http://localhost",
      secret: "test-secret-for-privacy-0123456789",
    };
    const office = secretariatActor();
    const exported = await exportPerson(deps, office, personId);
    expect(exported.account?.programmes).toEqual([{ slug: "kyushu", name: "九州経済産業局", since: at }]);
    expect(exported.programmeAuditEvents).toEqual([
      {
        programme: "九州経済産業局",
        at,
        action: "programme.kpi-sheet.export",
        after: { fromYear: 2020, toYear: 2020 },
      },
    ]);
    // Erased: the office place goes with the account, the programme's log keeps the event, not the name.
    await erasePerson(deps, office, personId, { confirm: exported.ref });
    expect(await t.root.selectFrom("programme_staff").selectAll().execute()).toEqual([]);
    const [event] = await t.root.selectFrom("programme_audit_events").selectAll().execute();
    expect(event).toMatchObject({ actor_id: null, action: "programme.kpi-sheet.export" });
    expect(event!.actor_label).not.toContain("officer@example.jp");
  });
});

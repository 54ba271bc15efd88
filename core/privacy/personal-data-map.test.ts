import { describe, expect, it } from "vitest";
import { describeTables } from "../../db/describe-tables.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
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
});

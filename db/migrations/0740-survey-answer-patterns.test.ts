import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { useTestServices } from "../../tests/support/services.ts";
import { loadDemoYear } from "../../core/demo/load-demo-year.ts";
import { migrateToLatest } from "../create-db.ts";
import { migrations } from "./index.ts";
import { testDatabases } from "../../tests/support/databases.ts";

const cli = { kind: "system", name: "cli" } as const;

describe.each(testDatabases)("migration 0740 on %s", (kind) => {
  const services = useTestServices(kind);

  it("gives surveys answered before it the same counted patterns as answering keeps", async () => {
    const { database } = services;
    await loadDemoYear({
      db: database.db,
      dialect: database.dialect,
      clock: services.clock,
      accounts: services.accounts,
      actor: cli,
      storage: services.storage,
      log: () => {},
    });
    const read = () =>
      database.root
        .selectFrom("survey_answer_patterns")
        .select(["community_id", "survey_id", "question", "value_key", "value_json", "count"])
        .orderBy("survey_id")
        .orderBy("question")
        .orderBy("value_key")
        .execute();
    const kept = await read();
    // The demo's answers arrived through import, which keeps the patterns as it counts.
    expect(kept.length).toBeGreaterThan(50);
    expect(kept.some((row) => row.question === "#responses" && row.count >= 28)).toBe(true);

    // Back to before 0740 (its table gone), then forward: the backfill must give the same rows.
    const migrator = new Migrator({
      db: database.root,
      provider: { getMigrations: async () => migrations },
      allowUnorderedMigrations: true,
    });
    const down = await migrator.migrateTo("0730-corporate-links-and-programme-audit");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual(["0740-survey-answer-patterns"]);
    await migrateToLatest(database.root);
    expect(await read()).toEqual(kept);
  }, 120_000);
});

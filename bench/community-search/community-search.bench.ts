/**
 * bench/community-search: the registry's search (normalise the query, substring match on
 * `search_text`, count and one page, caller-dependent fields) over 20,000 organisations, against the
 * same two statements written by hand on the raw name column (count, then a page of 50) in the
 * same run. Target: ≤ 3×.
 * Run: `node bench/community-search/community-search.bench.ts` (SQLite in memory), or with
 * BENCH_DATABASE_URL=postgres://… (a scratch database: the bench migrates it and leaves its rows).
 */
import { sql } from "kysely";
import { listOrganisations } from "../../core/community/list-organisations.ts";
import { insertOrganisationRow } from "../../core/community/organisation-input.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, migrateToLatest } from "../../db/create-db.ts";
import { noStorage } from "../../tests/support/storage.ts";

const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 20_000);
const ROUNDS = 30;
const opened = createDb({ databaseUrl: process.env.BENCH_DATABASE_URL, sqliteFile: ":memory:" });
await migrateToLatest(opened.root);
// The use cases act for the first community (ADR 035); raw SQL baselines read the unscoped root.
const database = scopeDatabase(opened, (await firstCommunity(opened.root)).id);
const deps = { db: database.db, dialect: database.dialect, clock: systemClock, storage: noStorage };
const actor = { kind: "system", name: "bench" } as const;

const stems = [
  ["長崎県警察本部", "ながさきけんけいさつほんぶ"],
  ["株式会社亀山電機", "かめやまでんき"],
  ["長崎県立大学", "ながさきけんりつだいがく"],
  ["十八ソフトウェア株式会社", "じゅうはちそふとうぇあ"],
];
for (let start = 0; start < ORGANISATIONS; start += 500) {
  await database.db.transaction().execute(async (trx) => {
    for (let i = start; i < Math.min(start + 500, ORGANISATIONS); i++) {
      const [name, reading] = stems[i % stems.length]!;
      await insertOrganisationRow(trx, new Date(), {
        name: `${name}${i}`,
        reading: `${reading}${i}`,
        sector: "industry",
      });
    }
  });
}

const time = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const raw = async () => {
  await sql`select count(*) from organisations where name like ${"%警察%"}`.execute(database.root);
  return sql`select * from organisations where name like ${"%警察%"} order by reading, id limit 50`.execute(
    database.root,
  );
};
const search = () => listOrganisations(deps, actor, { q: "ｹｲｻﾂ" });

await raw();
const found = await search();
if (found.total !== ORGANISATIONS / stems.length)
  throw new Error(`expected ${ORGANISATIONS / stems.length} matches, got ${found.total}`);
const raws: number[] = [];
const searches: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  raws.push(await time(raw));
  searches.push(await time(search));
}
const ratio = median(searches) / median(raws);
console.log(
  `${database.dialect}: ${ORGANISATIONS} organisations; raw LIKE ${median(raws).toFixed(1)} ms, registry search ${median(searches).toFixed(1)} ms (median of ${ROUNDS}); ratio ${ratio.toFixed(2)}× (target ≤ 3×)`,
);
await database.destroy();
if (ratio > 3) process.exit(1);

/**
 * bench/aggregate: results of 100,000 responses to Q1–Q17 (computeResults: running counters and
 * texts → bases, counts, percentages, combined categories) against one raw SQL scan of the same
 * rows in the same run. The counters are kept by every completion in production; here the rows
 * are bulk-inserted and the counters rebuilt once before measuring. Also measured: the recount
 * from the raw answers (what a cross-tabulation does).
 * Target: ≤ 3×. Run: `node bench/aggregate/aggregate.bench.ts` (SQLite in memory), or with
 * BENCH_DATABASE_URL=postgres://… for PostgreSQL.
 */
import { sql } from "kysely";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, migrateToLatest } from "../../db/create-db.ts";
import { newId } from "../../db/ids.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { checkAnswers } from "../../core/surveys/check-answers.ts";
import { computeResults } from "../../core/surveys/compute-results.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { findSurvey } from "../../core/surveys/find-survey.ts";
import { nagasakiDemoAnswers } from "../../core/surveys/demo-answers.ts";
import { aggregateAnswers } from "../../core/surveys/aggregate-answers.ts";
import { listQuestions } from "../../core/surveys/definition.ts";
import { loadCompleteAnswers } from "../../core/surveys/load-answers.ts";
import { rebuildTallies } from "../../core/surveys/tallies.ts";

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const actor = { kind: "system", name: "bench" } as const;
const opened = createDb({ databaseUrl: process.env.BENCH_DATABASE_URL, sqliteFile: ":memory:" });
await migrateToLatest(opened.root);
// The use cases act for the first community (ADR 035); raw SQL baselines read the unscoped root.
const database = scopeDatabase(opened, (await firstCommunity(opened.root)).id);
const deps = { db: database.db, dialect: database.dialect, clock: systemClock, baseUrl: "http://localhost" };
const { id } = await createSurvey(deps, actor, {
  title: "bench",
  template: "regional-standard",
  talks: [
    { id: "t1", title: "講演1" },
    { id: "t2", title: "講演2" },
  ],
});
const survey = await findSurvey(database.db, id);

// The 28 answer sets of the demo, cleaned by the server check, repeated to 100,000 rows.
const sets = nagasakiDemoAnswers(["t1", "t2"]).map((a) => JSON.stringify(checkAnswers(survey.definition, a).data));
const now = new Date().toISOString();
for (let start = 0; start < RESPONSES; start += 1000) {
  const rows = Array.from({ length: Math.min(1000, RESPONSES - start) }, (_, i) => ({
    id: newId(),
    survey_id: id,
    answers_json: sets[(start + i) % sets.length]!,
    status: "complete",
    source: "import",
    resume_hash: null,
    created_at: now,
    updated_at: now,
    completed_at: now,
  }));
  await database.db.transaction().execute(async (trx) => {
    for (let k = 0; k < rows.length; k += 100)
      await trx
        .insertInto("survey_responses")
        .values(rows.slice(k, k + 100))
        .execute();
  });
}

await rebuildTallies(database.db, id, listQuestions(survey.definition));

const time = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const scan = () =>
  sql<{
    answers_json: string;
  }>`select answers_json from survey_responses where survey_id = ${id} and status = 'complete'`.execute(database.root);
const results = () => computeResults(deps, actor, id);

await scan(); // warm up both paths once
const check = (await results()) as Awaited<ReturnType<typeof results>>;
const recount = aggregateAnswers(listQuestions(survey.definition), await loadCompleteAnswers(database.db, id));
if (check.responses !== RESPONSES || JSON.stringify(check.questions) !== JSON.stringify(recount.questions))
  throw new Error("counters and recount disagree");
const recountMs = await time(async () =>
  aggregateAnswers(listQuestions(survey.definition), await loadCompleteAnswers(database.db, id)),
);
const scans: number[] = [];
const computes: number[] = [];
for (let i = 0; i < 3; i++) {
  scans.push(await time(scan));
  computes.push(await time(results));
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseline = median(scans);
const measured = median(computes);
console.log(`bench/aggregate (${database.dialect}, ${RESPONSES.toLocaleString("en")} responses to Q1–Q17)`);
console.log(`  raw SQL scan of the same rows: ${baseline.toFixed(0)} ms`);
console.log(`  computeResults:                ${measured.toFixed(0)} ms`);
console.log(`  ratio: ${(measured / baseline).toFixed(2)}× (target ≤ 3×)`);
console.log(
  `  (a recount from the raw answers, as cross-tabulation does: ${recountMs.toFixed(0)} ms = ${(recountMs / baseline).toFixed(2)}×)`,
);
await database.destroy();

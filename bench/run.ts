/**
 * `npm run bench [name…]`: runs the benchmarks one after another (each prints its own ratio against
 * a baseline measured in the same run). Several start the built app: run `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = import.meta.dirname;
const wanted = process.argv.slice(2);
const names = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name));
let failed = 0;
for (const name of names) {
  const file = readdirSync(path.join(root, name)).find((f) => f.endsWith(".bench.ts"));
  if (!file) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [path.join(root, name, file)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

import { describe, it } from "vitest";
import { describeCli } from "../tests/support/cli-suite.ts";
import { testDatabases } from "../tests/support/databases.ts";

if (testDatabases.includes("postgres")) describeCli("postgres");
else describe.skip("npx chiiki on postgres (TEST_DATABASE_URL is not set)", () => it("runs with PostgreSQL", () => {}));

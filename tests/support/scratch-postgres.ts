/**
 * A fresh, empty PostgreSQL database beside `adminUrl`'s, and a way to drop it: for tests and
 * benches that must not touch shared data nor inherit what earlier runs left there. No test
 * runner imports here, so benches use it too.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function createScratchPostgres(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

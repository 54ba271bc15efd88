import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { foundationDemo } from "./foundation-demo.ts";

const settingsOf = async (db: ReturnType<typeof useTestDatabase>["db"]) =>
  Object.fromEntries(
    (await db.selectFrom("app_settings").select(["key", "value"]).execute()).map((row) => [row.key, row.value]),
  );

describe.each(testDatabases)("the demo's community on %s", (kind) => {
  const t = useTestDatabase(kind);
  const run = (log: (line: string) => void = () => {}) =>
    foundationDemo.run({ db: t.db, log } as unknown as Parameters<typeof foundationDemo.run>[0]);

  it("never renames a community the first run named, and names one nobody named", async () => {
    await t.db.insertInto("app_settings").values({ key: "community_name", value: "佐世保サイバー連絡会" }).execute();
    const lines: string[] = [];
    await run((line) => lines.push(line));
    await run();
    const settings = await settingsOf(t.db);
    expect(settings.community_name).toBe("佐世保サイバー連絡会");
    expect(settings.community_operator).toBe("一般社団法人長崎県情報産業協会");
    expect(lines).toEqual(["community: 佐世保サイバー連絡会 (一般社団法人長崎県情報産業協会)"]);
  });
});

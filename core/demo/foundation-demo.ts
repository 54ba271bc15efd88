import type { DemoStep } from "./demo-step.ts";

/**
 * The community itself: NISA's regional programme, as the seed's report names it. Only where the
 * first run (or an earlier demo) has not named it: a demo loaded into a running installation
 * never renames the community its secretariat chose.
 */
export const foundationDemo: DemoStep = {
  name: "foundation",
  async run({ db, log }) {
    const settings = { community_name: "長崎地域SECURITY", community_operator: "一般社団法人長崎県情報産業協会" };
    for (const [key, value] of Object.entries(settings)) {
      await db
        .insertInto("app_settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    }
    const named = await db
      .selectFrom("app_settings")
      .select(["key", "value"])
      .where("key", "in", Object.keys(settings))
      .execute();
    const value = (key: string) => named.find((row) => row.key === key)?.value ?? "";
    log(`community: ${value("community_name")} (${value("community_operator")})`);
  },
};

import type { DemoStep } from "./demo-step.ts";

/** The community itself: NISA's regional programme, as the seed's report names it. */
export const foundationDemo: DemoStep = {
  name: "foundation",
  async run({ db, log }) {
    const settings = { community_name: "長崎地域SECURITY", community_operator: "一般社団法人長崎県情報産業協会" };
    for (const [key, value] of Object.entries(settings)) {
      await db
        .insertInto("app_settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    }
    log("community: 長崎地域SECURITY (一般社団法人長崎県情報産業協会)");
  },
};

import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { communityDemo } from "./demo.ts";
import { getCommunityDashboard } from "./get-community-dashboard.ts";
import { getGroup } from "./get-group.ts";
import { listAgreements } from "./list-agreements.ts";
import { listDecisions } from "./list-decisions.ts";
import { listGroups } from "./list-groups.ts";
import { listOrganisations } from "./list-organisations.ts";
import { communityDeps, secretariat } from "../../tests/fixtures/community.ts";
import { getAgreement } from "./get-agreement.ts";
import { listActivities } from "./list-activities.ts";
import { getActivity } from "./get-activity.ts";

describe.each(testDatabases)("community demo on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("loads the seed's registry, twice with the same result", async () => {
    const deps = communityDeps(t);
    const context = {
      db: t.db,
      dialect: t.dialect,
      clock: deps.clock,
      accounts: undefined as never,
      actor: { kind: "system", name: "demo" } as const,
      storage: deps.storage,
      log: () => {},
    };
    await communityDemo.run(context);
    const counts = async () =>
      Promise.all(
        [
          "organisations",
          "people",
          "groups",
          "group_officers",
          "agreements",
          "agreement_parties",
          "meetings",
          "decisions",
          "activities",
          "activity_talks",
        ].map(async (table) =>
          Number(
            (
              await t.db
                .selectFrom(table as "organisations")
                .select((eb) => eb.fn.countAll().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const first = await counts();
    await communityDemo.run(context);
    expect(await counts()).toEqual(first);

    const [agreement] = (await listAgreements(deps, secretariat, { q: "相互協力協定" })).items;
    const parties = (await getAgreement(deps, secretariat, agreement!.id)).parties;
    expect(parties).toHaveLength(14);
    expect(["industry", "academia", "government"].map((s) => parties.filter((p) => p.sector === s).length)).toEqual([
      8, 4, 2,
    ]);

    const groups = (await listGroups(deps, secretariat, {})).items;
    const research = await getGroup(
      deps,
      secretariat,
      groups.find((g) => g.name === "長崎県サイバーセキュリティ研究会")!.id,
    );
    expect(research).toMatchObject({ foundedOn: "2016-01-07", hostOrganisationName: "長崎県立大学" });
    expect(research.members).toHaveLength(13);
    expect(research.officers).toMatchObject([{ role: "監事", organisationName: "株式会社亀山電機", vacant: false }]);
    const workingGroup = await getGroup(deps, secretariat, groups.find((g) => g.name === "情報セキュリティ部会")!.id);
    expect(workingGroup.officers.map((o) => [o.role, o.vacant])).toEqual([
      ["部会長", false],
      ["キーパーソン", true],
    ]);
    expect(groups.map((g) => g.kind).sort()).toEqual([
      "consortium",
      "external-community",
      "research-group",
      "working-group",
    ]);

    expect((await listDecisions(deps, secretariat, { status: "open" })).total).toBe(3);
    const webinar = (await listActivities(deps, secretariat, { q: "emotet" })).items[0]!;
    expect((await getActivity(deps, secretariat, webinar.id)).talks).toHaveLength(5);
    expect((await listOrganisations(deps, secretariat, { q: "けいさつ" })).items.map((o) => o.name)).toEqual([
      "長崎県警察本部",
    ]);

    const dashboard = await getCommunityDashboard(deps, secretariat);
    expect(dashboard.bySector.map((r) => r.key)).toEqual(["industry", "academia", "government"]);
    expect(dashboard.totals).toMatchObject({ organisations: 22, people: 6, riss: 2, qualified: 3 });
    expect(dashboard.openDecisions).toHaveLength(3);
    expect(dashboard.qualifiedByOrganisation.map((o) => o.name)).toContain("長崎県立大学");
  });
});

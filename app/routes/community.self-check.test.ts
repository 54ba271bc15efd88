/**
 * Where the secretariat and a member company see 自社診断 scores (docs/self-check.md): the
 * organisation page gives its own score to the secretariat and that organisation's contact, not to
 * another member; the registry dashboard gives the community's distribution, suppressed.
 */
import { describe, expect, it } from "vitest";
import { recordSelfCheckScore } from "#core/community/record-self-check-score.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";
import { insertOrganisation } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { loader as dashboardLoader } from "./community._index.tsx";
import { loader as organisationLoader } from "./community.organisations.$id._index.tsx";

describe.each(testDatabases)("self-check scores in the registry's pages on %s", (kind) => {
  const services = useTestServices(kind);

  it("shows an organisation's score to the secretariat and its own contact, and the community only its distribution", async () => {
    const db = services.database.db;
    const scored: string[] = [];
    for (const [i, total] of [100, 100, 100, 100, 100, 85, 42].entries()) {
      const id = await insertOrganisation(db, { name: `会社${i}`, membership: "member", size_band: "6-20" });
      await recordSelfCheckScore(db, services.clock, {
        organisationId: id,
        surveyId: "s1",
        total,
        band: total === 100 ? "full" : total >= 70 ? "high" : "low",
      });
      scored.push(id);
    }
    const low = scored[6]!;
    for (const actor of [secretariatActor(), memberActor(low)]) {
      const page = await callRoute(organisationLoader, {
        services,
        actor,
        url: `/community/organisations/${low}`,
        params: { id: low },
      });
      expect(page.status).toBe(200);
      expect(page.data.posture.selfCheck).toMatchObject({ total: 42, band: "low" });
    }
    const other = await callRoute(organisationLoader, {
      services,
      actor: memberActor(scored[0]!),
      url: `/community/organisations/${low}`,
      params: { id: low },
    });
    expect(other.data.posture).toBeNull();

    const dashboard = await callRoute(dashboardLoader, { services, actor: secretariatActor(), url: "/community" });
    expect(dashboard.status).toBe(200);
    // 5 × full shown; high 1 and low 1 hidden (two small bands, neither derivable); 7 organisations.
    expect(dashboard.data.dashboard.selfCheck).toMatchObject({
      respondents: 7,
      bands: [
        { band: "full", count: 5 },
        { band: "high", count: null },
        { band: "mid", count: null },
        { band: "low", count: null },
      ],
      suppressed: true,
    });
  });
});

/**
 * The organisation page's 法人番号 links (ADR 039) through its loader and action, and the other
 * secretariat's to-do on its home page: the route reads the right fields and intents, shows the
 * panel to the secretariat only, and a refused step comes back beside the links.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "#core/communities/create-community.ts";
import { createOrganisation } from "#core/community/create-organisation.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { systemClock } from "#core/shared/clock.ts";
import type { Services } from "../../server/services.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { loader as homeLoader } from "./_index.tsx";
import { action, loader } from "./community.organisations.$id._index.tsx";

const office = secretariatActor();
const organisation = {
  name: "有明システム株式会社",
  reading: "ありあけしすてむ",
  sector: "industry",
  membership: "member",
  corporateNumber: "7000012050002",
} as const;

describe.each(testDatabases)("the organisation page's 法人番号 links on %s", (kind) => {
  const a = useTestServices(kind);
  let b: Services;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    const saga = await createCommunity(
      { root: a.database.root, clock: systemClock },
      { kind: "system", name: "t" },
      {
        slug: "saga",
        name: "佐賀地域SECURITY",
      },
    );
    b = a.forCommunity(saga);
    orgA = (await createOrganisation(communityDepsFrom(a), office, organisation)).id;
    orgB = (await createOrganisation(communityDepsFrom(b), office, { ...organisation, notes: "佐賀だけのメモ" })).id;
  });

  const page = (services: Services, actor: typeof office, id: string) =>
    callRoute(loader, { services, actor, url: `/community/organisations/${id}`, params: { id } });
  const post = (services: Services, id: string, form: Record<string, string>) =>
    callRoute(action, { services, actor: office, url: `/community/organisations/${id}`, params: { id }, form });

  it("proposes from A, shows B the to-do, links on B's consent, and shows members nothing", async () => {
    const before = await page(a, office, orgA);
    expect(before.data.corporateMatches).toEqual([
      { communityId: b.community.id, name: "佐賀地域SECURITY", link: null },
    ]);
    expect(JSON.stringify(before.data)).not.toContain("佐賀だけのメモ");
    expect((await page(a, memberActor(orgA), orgA)).data.corporateMatches).toBeNull();

    const proposed = await post(a, orgA, { intent: "link-propose", communityId: b.community.id });
    expect(proposed.location).toBe(`/community/organisations/${orgA}?saved=link-proposed#links-title`);
    // Proposing again is refused, and the message is for the links, not the merge form.
    const again = await post(a, orgA, { intent: "link-propose", communityId: b.community.id });
    expect(again).toMatchObject({
      status: 409,
      data: { code: "corporate-link-exists", values: { intent: "link-propose" } },
    });

    const home = await callRoute(homeLoader, { services: b, actor: office, url: "/" });
    expect(home.data.home.corporateLinkProposals).toMatchObject({
      total: 1,
      items: [{ organisationId: orgB, communityName: expect.any(String) }],
    });
    const linkId = home.data.home.corporateLinkProposals.items[0].id;
    const accepted = await post(b, orgB, { intent: "link-accept", linkId });
    expect(accepted.location).toBe(`/community/organisations/${orgB}?saved=link-linked#links-title`);
    expect((await page(a, office, orgA)).data.corporateMatches[0].link).toMatchObject({ state: "linked" });

    const withdrawn = await post(a, orgA, { intent: "link-withdraw", linkId });
    expect(withdrawn.location).toBe(`/community/organisations/${orgA}?saved=link-withdrawn#links-title`);
    expect((await page(b, office, orgB)).data.corporateMatches[0].link).toBeNull();
  });
});

/**
 * 法人番号 across communities (ADR 039), on both databases: community A's secretariat learns only
 * the names of the other communities that registered the same number; a link exists only once
 * both secretariats consented; either may withdraw; members see nothing; and nothing else of the
 * other community's record reaches A — not in the views, not in A's audit log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../server/services.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { listAuditEvents } from "../audit/list-audit-events.ts";
import { createCommunity } from "../communities/create-community.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { createPerson } from "../community/create-person.ts";
import { communityDepsFrom } from "../community/deps.ts";
import { systemClock } from "../shared/clock.ts";
import { acceptCorporateLink } from "./accept-corporate-link.ts";
import { type CorporateLinkDeps, corporateLinkDepsFrom } from "./deps.ts";
import { getCorporateNumberMatches } from "./get-corporate-number-matches.ts";
import { listCorporateLinkProposals } from "./list-corporate-link-proposals.ts";
import { proposeCorporateLink } from "./propose-corporate-link.ts";
import { withdrawCorporateLink } from "./withdraw-corporate-link.ts";

const NUMBER = "7000012050002";
const cli = { kind: "system", name: "cli" } as const;
const officeA = secretariatActor({ userId: "u-office-a", name: "長崎事務局", email: "office@nagasaki.example.jp" });
const officeB = secretariatActor({ userId: "u-office-b", name: "佐賀事務局", email: "office@saga.example.jp" });

/** An organisation with the number, and what no other community may learn of it. */
async function seedOrganisation(services: Services, actor: typeof officeA, secret: string) {
  const community = communityDepsFrom(services);
  const organisation = await createOrganisation(community, actor, {
    name: `${secret}商事株式会社`,
    reading: "しょうじ",
    sector: "industry",
    prefecture: "saga",
    membership: "member",
    corporateNumber: NUMBER,
    notes: `${secret}-notes`,
    address: `${secret}-address`,
  });
  await createPerson(community, actor, {
    familyName: secret,
    givenName: "花子",
    email: `${secret}@example.jp`,
    organisationId: organisation.id,
  });
  return organisation.id;
}

describe.each(testDatabases)("法人番号 across communities on %s", (kind) => {
  const a = useTestServices(kind);
  let b: Services;
  let linksA: CorporateLinkDeps;
  let linksB: CorporateLinkDeps;
  let orgA: string;
  let orgB: string;
  let communityB: string;
  let communityA: string;

  beforeAll(async () => {
    const saga = await createCommunity({ root: a.database.root, clock: systemClock }, cli, {
      slug: "saga",
      name: "佐賀県サイバーセキュリティ連絡会",
    });
    // A third community, without the number: it is never named.
    const other = await createCommunity({ root: a.database.root, clock: systemClock }, cli, {
      slug: "oita",
      name: "大分県連絡会",
    });
    b = a.forCommunity(saga);
    communityA = a.community.id;
    communityB = saga.id;
    orgA = await seedOrganisation(a, officeA, "AAA");
    orgB = await seedOrganisation(b, officeB, "BBB");
    await createOrganisation(communityDepsFrom(a.forCommunity(other)), officeA, {
      name: "別会社",
      reading: "べつ",
      sector: "industry",
      membership: "member",
      corporateNumber: "2000012010019",
    });
    linksA = corporateLinkDepsFrom(a);
    linksB = corporateLinkDepsFrom(b);
  });

  /** Everything A's secretariat can see of the links, as text: no B field may be in it. */
  async function seenByA(): Promise<string> {
    const matches = await getCorporateNumberMatches(linksA, officeA, orgA);
    const proposals = await listCorporateLinkProposals(linksA, officeA);
    const audit = await listAuditEvents(a.database.db, officeA, { limit: 200 });
    return JSON.stringify({ matches, proposals, audit });
  }

  it("names the other communities with the number, and nothing else of their records", async () => {
    const matches = await getCorporateNumberMatches(linksA, officeA, orgA);
    expect(matches).toEqual([{ communityId: communityB, name: "佐賀県サイバーセキュリティ連絡会", link: null }]);
    const seen = await seenByA();
    for (const leak of ["BBB", orgB]) expect(seen).not.toContain(leak);
    expect(await getCorporateNumberMatches(linksB, officeB, orgB)).toMatchObject([{ communityId: communityA }]);
  });

  it("shows members nothing, and refuses them every step", async () => {
    const member = memberActor(orgA);
    await expect(getCorporateNumberMatches(linksA, member, orgA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listCorporateLinkProposals(linksA, member)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      proposeCorporateLink(linksA, member, { organisationId: orgA, communityId: communityB }),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Nor may a secretariat reach the other community's record by its id.
    await expect(getCorporateNumberMatches(linksA, officeA, orgB)).rejects.toMatchObject({ code: "not-found" });
    await expect(
      proposeCorporateLink(linksA, officeA, { organisationId: orgB, communityId: communityB }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("links only once the other secretariat consents, audited in both communities", async () => {
    expect(await proposeCorporateLink(linksA, officeA, { organisationId: orgA, communityId: communityB })).toEqual({
      linked: false,
    });
    expect(await getCorporateNumberMatches(linksA, officeA, orgA)).toMatchObject([
      { communityId: communityB, link: { state: "proposed-by-us" } },
    ]);
    await expect(
      proposeCorporateLink(linksA, officeA, { organisationId: orgA, communityId: communityB }),
    ).rejects.toMatchObject({ code: "corporate-link-exists" });
    // B sees the proposal among its to-dos, about its own record, and may accept it.
    const proposal = (await listCorporateLinkProposals(linksB, officeB))[0]!;
    expect(proposal).toMatchObject({
      organisationId: orgB,
      organisationName: "BBB商事株式会社",
      communityName: expect.any(String),
      corporateNumber: NUMBER,
    });
    expect(JSON.stringify(proposal)).not.toContain("AAA");
    const pending = (await getCorporateNumberMatches(linksB, officeB, orgB))[0]!;
    expect(pending.link).toMatchObject({ id: proposal.id, state: "proposed-to-us" });
    // A cannot accept its own proposal; B accepts.
    await expect(
      acceptCorporateLink(linksA, officeA, { linkId: proposal.id, organisationId: orgA }),
    ).rejects.toMatchObject({ code: "not-found" });
    await acceptCorporateLink(linksB, officeB, { linkId: proposal.id, organisationId: orgB });
    expect(await getCorporateNumberMatches(linksA, officeA, orgA)).toMatchObject([
      { name: "佐賀県サイバーセキュリティ連絡会", link: { state: "linked" } },
    ]);
    expect(await getCorporateNumberMatches(linksB, officeB, orgB)).toMatchObject([{ link: { state: "linked" } }]);
    expect(await listCorporateLinkProposals(linksB, officeB)).toEqual([]);
    // Both consents with who and when.
    const row = await a.database.root
      .selectFrom("corporate_links")
      .selectAll()
      .where("id", "=", proposal.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      proposed_by: "u-office-a",
      proposed_by_label: expect.stringContaining("長崎事務局"),
      accepted_by: "u-office-b",
      accepted_by_label: expect.stringContaining("佐賀事務局"),
      partner_organisation_id: orgB,
    });
    expect(row.proposed_at).toBeTruthy();
    expect(row.accepted_at).toBeTruthy();
    for (const [services, office] of [
      [a, officeA],
      [b, officeB],
    ] as const) {
      const actions = (await listAuditEvents(services.database.db, office, { limit: 200 })).items.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["corporate-link.propose", "corporate-link.accept"]));
    }
    // A's view and log hold nothing of B's record but the community's name, nor who in B's office acted:
    // B's consent is in A's log as the community's.
    const seen = await seenByA();
    for (const leak of ["BBB", orgB, "佐賀事務局", "office@saga.example.jp", "u-office-b"])
      expect(seen).not.toContain(leak);
    const accepted = (await listAuditEvents(a.database.db, officeA, { limit: 200 })).items.find(
      (e) => e.action === "corporate-link.accept",
    );
    expect(accepted).toMatchObject({ actorType: "community", actorLabel: "佐賀県サイバーセキュリティ連絡会" });
  });

  it("lets either side withdraw, after which nothing is linked", async () => {
    await proposeCorporateLink(linksB, officeB, { organisationId: orgB, communityId: communityA });
    // A declines B's proposal.
    const proposal = (await listCorporateLinkProposals(linksA, officeA))[0]!;
    await withdrawCorporateLink(linksA, officeA, { linkId: proposal.id });
    expect(await getCorporateNumberMatches(linksB, officeB, orgB)).toMatchObject([{ link: null }]);
    await expect(
      acceptCorporateLink(linksA, officeA, { linkId: proposal.id, organisationId: orgA }),
    ).rejects.toMatchObject({ code: "corporate-link-closed" });
    // Proposed again from both sides: the second proposal is the consent.
    await proposeCorporateLink(linksB, officeB, { organisationId: orgB, communityId: communityA });
    expect(await proposeCorporateLink(linksA, officeA, { organisationId: orgA, communityId: communityB })).toEqual({
      linked: true,
    });
    const linked = (await getCorporateNumberMatches(linksB, officeB, orgB))[0]!;
    expect(linked.link?.state).toBe("linked");
    // B ends the link; A sees it gone, and both logs say so.
    await withdrawCorporateLink(linksB, officeB, { linkId: linked.link!.id });
    expect(await getCorporateNumberMatches(linksA, officeA, orgA)).toMatchObject([{ link: null }]);
    await expect(withdrawCorporateLink(linksA, officeA, { linkId: linked.link!.id })).rejects.toMatchObject({
      code: "corporate-link-closed",
    });
    const logA = (await listAuditEvents(a.database.db, officeA, { limit: 200 })).items;
    expect(logA.filter((e) => e.action === "corporate-link.withdraw")).toHaveLength(2);
  });

  it("settles proposals crossing each other with one link, and refuses a second open proposal", async () => {
    // Both proposed at once (as two requests racing past each other's check would leave them).
    await proposeCorporateLink(linksA, officeA, { organisationId: orgA, communityId: communityB });
    const fromA = (await listCorporateLinkProposals(linksB, officeB))[0]!;
    const row = await a.database.root
      .selectFrom("corporate_links")
      .selectAll()
      .where("id", "=", fromA.id)
      .executeTakeFirstOrThrow();
    await a.database.root
      .insertInto("corporate_links")
      .values({
        ...row,
        id: "crossed",
        proposer_community_id: communityB,
        proposer_organisation_id: orgB,
        partner_community_id: communityA,
      })
      .execute();
    // The database itself holds one open row per record, other community and number.
    await expect(
      a.database.root
        .insertInto("corporate_links")
        .values({ ...row, id: "twice" })
        .execute(),
    ).rejects.toThrow();
    await acceptCorporateLink(linksB, officeB, { linkId: fromA.id, organisationId: orgB });
    expect(await listCorporateLinkProposals(linksA, officeA)).toEqual([]);
    expect(await listCorporateLinkProposals(linksB, officeB)).toEqual([]);
    expect((await getCorporateNumberMatches(linksA, officeA, orgA))[0]!.link).toMatchObject({ state: "linked" });
  });

  it("counts a link only while both records hold the number", async () => {
    await proposeCorporateLink(linksA, officeA, { organisationId: orgA, communityId: communityB });
    const proposal = (await listCorporateLinkProposals(linksB, officeB))[0]!;
    await acceptCorporateLink(linksB, officeB, { linkId: proposal.id, organisationId: orgB });
    await b.database.db.updateTable("organisations").set({ corporate_number: null }).where("id", "=", orgB).execute();
    expect(await getCorporateNumberMatches(linksA, officeA, orgA)).toEqual([]);
  });
});

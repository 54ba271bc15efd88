import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { computePostureRates } from "./compute-posture-rates.ts";
import { createOrganisation } from "./create-organisation.ts";
import { getOrganisationPosture } from "./get-organisation-posture.ts";
import { recordPosture } from "./record-posture.ts";
import { communityDeps, memberOf, secretariat } from "../../tests/fixtures/community.ts";
import { updateOrganisation } from "./update-organisation.ts";

describe.each(testDatabases)("SME security posture on %s", (kind) => {
  const t = useTestDatabase(kind);
  const sme = (name: string, sizeBand = "21-50", membership = "member") => ({
    name,
    sector: "industry",
    prefecture: "nagasaki",
    sizeBand,
    membership,
  });

  it("keeps the 法人番号 checked and one per registry", async () => {
    const deps = communityDeps(t);
    const toyota = await createOrganisation(deps, secretariat, {
      ...sme("番号の会社", "21-50", "none"),
      corporateNumber: "１１８０３０１０１８７７１",
    });
    expect(toyota.corporateNumber).toBe("1180301018771");
    await expect(
      createOrganisation(deps, secretariat, { ...sme("番号違い", "21-50", "none"), corporateNumber: "2180301018771" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "corporateNumber", code: "community-corporate-number" }],
    });
    const other = await createOrganisation(deps, secretariat, sme("別の会社", "21-50", "none"));
    await expect(
      updateOrganisation(deps, secretariat, other.id, { corporateNumber: "1180301018771" }),
    ).rejects.toMatchObject({
      code: "corporate-number-taken",
      fields: [{ field: "corporateNumber", params: { name: "番号の会社" } }],
    });
    // Saving the organisation that holds it is no conflict.
    await expect(
      updateOrganisation(deps, secretariat, toyota.id, { corporateNumber: "1180301018771" }),
    ).resolves.toBeTruthy();
  });

  it("records posture as history, by the secretariat or the organisation's own contact, and counts rates on a day", async () => {
    const deps = communityDeps(t);
    const a = await createOrganisation(deps, secretariat, sme("A社"));
    const b = await createOrganisation(deps, secretariat, sme("B社"));
    await createOrganisation(deps, secretariat, sme("C社"));
    await createOrganisation(deps, secretariat, sme("大企業", "1001+"));
    await createOrganisation(deps, secretariat, sme("非会員", "21-50", "none"));

    await recordPosture(deps, secretariat, a.id, {
      kind: "security-action",
      level: "one-star",
      reference: "SA-123456",
      since: "2020-06-01",
    });
    // The organisation's own contact records their upgrade; another organisation's contact may not.
    await recordPosture(deps, memberOf(a.id), a.id, {
      kind: "security-action",
      level: "two-star",
      since: "2021-02-01",
    });
    await expect(
      recordPosture(deps, memberOf(b.id), a.id, { kind: "security-action", level: "one-star" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(getOrganisationPosture(deps, memberOf(b.id), a.id)).rejects.toMatchObject({ code: "forbidden" });
    await recordPosture(deps, secretariat, b.id, {
      kind: "scs",
      level: "star-3",
      since: "2020-10-01",
      validUntil: "2021-09-30",
    });
    await recordPosture(deps, secretariat, b.id, { kind: "otasuketai", level: "yes", reference: "九州お助け隊" });
    // Bad input names the field and writes nothing.
    await expect(recordPosture(deps, secretariat, b.id, { kind: "scs", level: "star-3" })).rejects.toMatchObject({
      fields: [{ field: "validUntil", code: "community-posture-valid-until" }],
    });
    await expect(
      recordPosture(deps, secretariat, b.id, { kind: "scs", level: "two-star", validUntil: "2022-01-01" }),
    ).rejects.toMatchObject({
      fields: [{ field: "level", code: "choice" }],
    });

    const posture = await getOrganisationPosture(deps, memberOf(a.id), a.id);
    expect(posture.history.map((r) => r.level)).toEqual(["two-star", "one-star"]);
    expect(posture.current["security-action"]).toMatchObject({ held: true, record: { level: "two-star" } });
    expect(posture.current.scs).toBeNull();

    // FY2020's last day: A has ★★, B holds ★3 and お助け隊; 3 member SMEs (not the large one, not the non-member).
    const fy2020 = await computePostureRates(t.db, "2021-03-31");
    expect(fy2020).toMatchObject({
      memberSmes: 3,
      held: { "security-action": 1, scs: 1, otasuketai: 1, "cyber-insurance": 0 },
      byLevel: { "security-action": { "one-star": 0, "two-star": 1 }, scs: { "star-3": 1, "star-4": 0 } },
      percent: { "security-action": 33.3, scs: 33.3 },
    });
    // Before A's upgrade it was ★; after B's mark expired, nobody holds SCS.
    expect((await computePostureRates(t.db, "2021-01-31")).byLevel["security-action"]).toEqual({
      "one-star": 1,
      "two-star": 0,
    });
    expect((await computePostureRates(t.db, "2021-10-01")).held.scs).toBe(0);
    const audit = await t.db.selectFrom("audit_events").select("action").where("entity_id", "=", a.id).execute();
    expect(audit.filter((e) => e.action === "organisation.posture")).toHaveLength(2);
  });
});

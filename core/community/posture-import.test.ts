import { describe, expect, it } from "vitest";
import { type MessageKey, translate } from "../../i18n/index.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { communityDeps, memberOf, secretariat } from "../../tests/fixtures/community.ts";
import { writeCsv } from "../files/csv.ts";
import { commitPostureImport } from "./commit-posture-import.ts";
import { corporateNumberCheckDigit } from "./corporate-number.ts";
import { createOrganisation } from "./create-organisation.ts";
import { deleteOrganisation } from "./delete-organisation.ts";
import { getOrganisationPosture } from "./get-organisation-posture.ts";
import { previewPostureImport } from "./preview-posture-import.ts";
import { dayProblem, readDay, readPostureLevel } from "./posture-import-columns.ts";

const unknownNumber = (() => {
  const base = "100000000001";
  return `${corporateNumberCheckDigit(base)}${base}`;
})();

const messageFor = (locale: "ja" | "en", code: string, params?: Record<string, string>) =>
  translate(locale, `field.${code}` as MessageKey, params);

describe("posture cells", () => {
  it("reads levels as codes, labels in either language and short forms, and dates as people write them", () => {
    expect(readPostureLevel("security-action", "★★二つ星")).toEqual({ level: "two-star" });
    expect(readPostureLevel("security-action", "★ one star")).toEqual({ level: "one-star" });
    expect(readPostureLevel("security-action", "一つ星")).toEqual({ level: "one-star" });
    expect(readPostureLevel("security-action", "★★★")).toBeNull();
    expect(readPostureLevel("scs", "★３")).toEqual({ level: "star-3" });
    expect(readPostureLevel("scs", "star-4")).toEqual({ level: "star-4" });
    expect(readPostureLevel("otasuketai", "利用している")).toEqual({ level: "yes" });
    expect(readPostureLevel("otasuketai", "なし")).toEqual({ level: "none" });
    expect(readPostureLevel("cyber-insurance", "東京海上日動")).toEqual({ level: "yes", reference: "東京海上日動" });
    expect(readDay("2024/4/1")).toBe("2024-04-01");
    expect(readDay("２０２４年４月１日")).toBe("2024-04-01");
    expect(readDay("2024-02-30")).toBeNull();
  });

  it("reads days in the Japanese era calendar as Japanese offices and Excel write them", () => {
    for (const [text, day] of [
      ["令和7年4月1日", "2025-04-01"],
      ["令和 7 年 4 月 1 日", "2025-04-01"],
      ["令和元年5月1日", "2019-05-01"],
      ["令和１年５月１日", "2019-05-01"],
      ["R7.4.1", "2025-04-01"],
      ["r07/04/01", "2025-04-01"],
      ["R7-4-1", "2025-04-01"],
      ["R7年4月1日", "2025-04-01"],
      ["㋿7年4月1日", "2025-04-01"],
      ["平成31年4月30日", "2019-04-30"],
      ["H31.4.30", "2019-04-30"],
      ["㍻元年1月8日", "1989-01-08"],
      ["昭和64年1月7日", "1989-01-07"],
      ["Ｒ７．４．１", "2025-04-01"],
    ] as const)
      expect(readDay(text), text).toBe(day);
    // Before the era began, after the next began, no such day, year 0: no date, and the reason says which.
    for (const text of ["令和元年4月30日", "平成31年5月1日", "H32.1.1", "令和7年2月29日", "R0.4.1", "令和7年13月1日"])
      expect(readDay(text), text).toBeNull();
    expect(dayProblem("令和元年4月30日")).toEqual({
      code: "community-import-era-range",
      params: { value: "令和元年4月30日", era: "令和", range: "2019-05-01 –" },
    });
    expect(dayProblem("H32.1.1")).toMatchObject({ params: { era: "平成", range: "1989-01-08 – 2019-04-30" } });
    expect(dayProblem("令和7年2月29日")).toEqual({
      code: "community-import-date",
      params: { value: "令和7年2月29日" },
    });
    expect(dayProblem("来年の春")).toEqual({ code: "community-import-date", params: { value: "来年の春" } });
    // The messages are Japanese (and English), naming the cell's text and the forms that are read.
    expect(messageFor("ja", "community-import-date", { value: "来年の春" })).toBe(
      "「来年の春」は日付として読めません。2025-04-01、2025/4/1、2025年4月1日、令和7年4月1日、R7.4.1 のいずれかの形で入力してください。",
    );
    expect(messageFor("ja", "community-import-era-range", dayProblem("令和元年4月30日").params)).toBe(
      "「令和元年4月30日」は令和の日付ではありません（令和は 2019-05-01 –）。元号と年を確かめてください。",
    );
    expect(messageFor("en", "community-import-era-range", dayProblem("H32.1.1").params)).toContain(
      "1989-01-08 – 2019-04-30",
    );
  });
});

describe.each(testDatabases)("posture import on %s", (kind) => {
  const t = useTestDatabase(kind);
  const org = (name: string, corporateNumber?: string) => ({
    name,
    sector: "industry",
    prefecture: "nagasaki",
    sizeBand: "21-50",
    membership: "member",
    ...(corporateNumber ? { corporateNumber } : {}),
  });

  it("previews a CP932 file in Japanese, refuses each bad row with its reason, and commits the rest at once", async () => {
    const deps = communityDeps(t);
    const a = await createOrganisation(deps, secretariat, org("株式会社A", "1180301018771"));
    const b = await createOrganisation(deps, secretariat, org("B社"));
    await createOrganisation(deps, secretariat, org("同名"));
    await createOrganisation(deps, secretariat, org("同名"));
    const file = writeCsv(
      [
        [
          "法人番号",
          "団体名",
          "SECURITY ACTION",
          "宣言ID",
          "宣言日",
          "SCS評価制度",
          "評価日",
          "有効期限",
          "お助け隊サービス",
          "サイバー保険",
        ],
        [
          "1180301018771",
          "A",
          "★★二つ星",
          "SA-2024-1",
          "令和6年4月1日",
          "★3",
          "2026-04-01",
          "2027-03-31",
          "九州お助け隊",
          "はい",
        ],
        ["", "B社", "一つ星", "", "", "", "", "", "なし", ""],
        ["", "同名", "★", "", "", "", "", "", "", ""],
        ["2180301018771", "", "★", "", "", "", "", "", "", ""],
        [unknownNumber, "", "★", "", "", "", "", "", "", ""],
        ["", "B社", "", "", "", "★4", "", "", "", ""],
        ["", "B社", "★★★", "", "", "", "", "", "", ""],
        ["", "不明の会社", "★", "", "", "", "", "", "", ""],
        ["", "B社", "★", "", "2024/13/1", "", "", "", "", ""],
        ["", "B社", "一つ星", "", "", "", "", "", "", ""],
        ["", "B社", "★", "", "令和元年4月1日", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", ""],
      ],
      { encoding: "cp932" },
    );
    const preview = await previewPostureImport(deps, secretariat, { bytes: file });
    expect(preview).toMatchObject({ accepted: 2, refused: 9, unchanged: 0, records: 6 });
    const reasons = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors.map((e) => `${e.field}:${e.code}`)]));
    expect(reasons).toEqual({
      2: [],
      3: [],
      4: ["name:posture-import-ambiguous-name"],
      5: ["corporateNumber:community-corporate-number"],
      6: ["corporateNumber:posture-import-unknown-number"],
      7: ["scsValidUntil:community-posture-valid-until"],
      8: ["securityAction:community-import-value"],
      9: ["name:community-unknown-organisation-name"],
      10: ["securityActionSince:community-import-date"],
      11: ["securityAction:posture-import-duplicate"],
      12: ["securityActionSince:community-import-era-range"],
    });
    expect(preview.rows[0]!.organisation).toMatchObject({ id: a.id, by: "corporate-number" });
    expect(preview.rows[1]!.organisation).toMatchObject({ id: b.id, by: "name" });
    // Nothing is written before the commit.
    expect(await t.db.selectFrom("organisation_posture").selectAll().execute()).toEqual([]);

    const done = await commitPostureImport(deps, secretariat, preview.token);
    expect(done).toMatchObject({ organisations: 2, records: 6, refused: 9 });
    const posture = await getOrganisationPosture(deps, secretariat, a.id);
    expect(posture.history.find((r) => r.kind === "security-action")).toMatchObject({
      level: "two-star",
      reference: "SA-2024-1",
      since: "2024-04-01",
    });
    expect(posture.history.find((r) => r.kind === "scs")).toMatchObject({ level: "star-3", validUntil: "2027-03-31" });
    expect(posture.history.find((r) => r.kind === "otasuketai")).toMatchObject({
      level: "yes",
      reference: "九州お助け隊",
    });
    expect(posture.history.find((r) => r.kind === "cyber-insurance")).toMatchObject({ level: "yes", reference: null });
    const written = await t.db.selectFrom("organisation_posture").select("import_id").execute();
    expect(new Set(written.map((w) => w.import_id))).toEqual(new Set([done.importId]));
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "organisation.posture-import")
      .execute();
    expect(audit).toHaveLength(1);

    // A token works once; the same file again says nothing new.
    await expect(commitPostureImport(deps, secretariat, preview.token)).rejects.toMatchObject({ code: "conflict" });
    const again = await previewPostureImport(deps, secretariat, { bytes: file });
    expect(again).toMatchObject({ accepted: 0, unchanged: 2, records: 0 });
  });

  it("reads English headers and labels in UTF-16, and writes nothing when an organisation went away before the commit", async () => {
    const deps = communityDeps(t);
    const a = await createOrganisation(deps, secretariat, org("Alpha KK"));
    const b = await createOrganisation(deps, secretariat, org("Beta KK"));
    const text = [
      "Name\tSECURITY ACTION\tSECURITY ACTION declared on\tCyber insurance",
      "Alpha KK\t★★ two stars\t2023-10-01\tIn use",
      "Beta KK\tone-star\t\tnone",
    ].join("\r\n");
    const bytes = new Uint8Array(Buffer.from(`\ufeff${text}`, "utf16le"));
    const preview = await previewPostureImport(deps, secretariat, { bytes });
    expect(preview).toMatchObject({ accepted: 2, refused: 0, records: 4 });
    await deleteOrganisation(deps, secretariat, b.id);
    await expect(commitPostureImport(deps, secretariat, preview.token)).rejects.toMatchObject({ code: "conflict" });
    expect(await t.db.selectFrom("organisation_posture").selectAll().execute()).toEqual([]);
    expect((await getOrganisationPosture(deps, secretariat, a.id)).history).toEqual([]);
  });

  it("needs a way to find the organisation and something to record, and is the secretariat's", async () => {
    const deps = communityDeps(t);
    const a = await createOrganisation(deps, secretariat, org("A"));
    await expect(
      previewPostureImport(deps, secretariat, { bytes: writeCsv([["SECURITY ACTION"], ["★"]]) }),
    ).rejects.toMatchObject({ fields: [{ field: "file", code: "community-import-columns" }] });
    await expect(
      previewPostureImport(deps, secretariat, {
        bytes: writeCsv([
          ["団体名", "住所"],
          ["A", "長崎"],
        ]),
      }),
    ).rejects.toMatchObject({ fields: [{ field: "file", code: "community-import-columns" }] });
    await expect(
      previewPostureImport(deps, memberOf(a.id), {
        bytes: writeCsv([
          ["団体名", "SECURITY ACTION"],
          ["A", "★"],
        ]),
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

import { describe, expect, it } from "vitest";
import { writeCsv } from "../files/csv.ts";
import { writeXlsx } from "../files/xlsx.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { confirmImport } from "./confirm-import.ts";
import { createOrganisation } from "./create-organisation.ts";
import { createPerson } from "./create-person.ts";
import { exportRegistry } from "./export-registry.ts";
import { listOrganisations } from "./list-organisations.ts";
import { listPeople } from "./list-people.ts";
import { previewImport } from "./preview-import.ts";
import { communityDeps, memberOf, secretariat } from "../../tests/fixtures/community.ts";

const count = async (deps: ReturnType<typeof communityDeps>) =>
  (await listOrganisations(deps, secretariat, { limit: 200 })).total;

describe.each(testDatabases)("import and export on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("reports a bad row with its error, writes nothing, and cannot be confirmed", async () => {
    const deps = communityDeps(t);
    const before = await count(deps);
    const csv = writeCsv([
      ["名称", "よみがな", "区分", "都道府県"],
      ["長崎大学", "ながさきだいがく", "学", "nagasaki"],
      ["宇宙機構", "", "space", "mars"],
      ["十八ソフトウェア株式会社", "じゅうはち", "industry", ""],
    ]);
    const preview = await previewImport(deps, secretariat, { kind: "organisations", bytes: csv });
    expect(preview).toMatchObject({ valid: 2, invalid: 1 });
    const bad = preview.rows.find((r) => r.line === 3)!;
    expect(bad.errors.map((e) => e.field).sort()).toEqual(["prefecture", "sector"]);
    expect(await count(deps)).toBe(before);
    await expect(confirmImport(deps, secretariat, preview.token)).rejects.toMatchObject({ code: "validation-failed" });
    expect(await count(deps)).toBe(before);
  });

  it("reads 入会日 as Excel re-saves it (2024/4/1) and in the era calendar; a day outside its era is named", async () => {
    const deps = communityDeps(t);
    const csv = writeCsv(
      [
        ["名称", "区分", "入会日"],
        ["佐世保テック株式会社", "産", "2024/4/1"],
        ["諫早システム株式会社", "産", "令和6年4月1日"],
        ["大村ネット株式会社", "産", "R6.4.1"],
        ["島原データ株式会社", "産", "令和元年4月1日"],
        ["平戸ソフト株式会社", "産", "来年の春"],
      ],
      { encoding: "cp932" },
    );
    const preview = await previewImport(deps, secretariat, { kind: "organisations", bytes: csv });
    expect(preview.rows.map((r) => r.input?.memberSince ?? r.errors.map((e) => `${e.field}:${e.code}`))).toEqual([
      "2024-04-01",
      "2024-04-01",
      "2024-04-01",
      ["memberSince:community-import-era-range"],
      ["memberSince:community-import-date"],
    ]);
  });

  it("flags likely duplicates, then writes every row at once when confirmed, once", async () => {
    const deps = communityDeps(t);
    await createOrganisation(deps, secretariat, { name: "株式会社ユースフル", sector: "industry" });
    const before = await count(deps);
    const xlsx = await writeXlsx([
      {
        name: "団体",
        rows: [
          ["name", "sector"],
          ["株式会社 ユースフル", "industry"],
          ["オフィスメーション株式会社", "産"],
          ["ｵﾌｨｽﾒｰｼｮﾝ株式会社", "産"],
        ],
      },
    ]);
    const preview = await previewImport(deps, secretariat, { kind: "organisations", bytes: xlsx });
    expect(preview.rows.map((r) => r.duplicate)).toEqual([
      { existing: "株式会社ユースフル", line: undefined },
      null,
      { existing: undefined, line: 3 },
    ]);
    expect(preview.invalid).toBe(0);
    await expect(confirmImport(deps, memberOf("x"), preview.token)).rejects.toMatchObject({ code: "forbidden" });
    expect(await confirmImport(deps, secretariat, preview.token)).toEqual({ kind: "organisations", created: 3 });
    expect(await count(deps)).toBe(before + 3);
    await expect(confirmImport(deps, secretariat, preview.token)).rejects.toMatchObject({ code: "conflict" });
    expect(await count(deps)).toBe(before + 3);
  });

  it("imports people into organisations by name, and exports what it imports", async () => {
    const deps = communityDeps(t);
    await createOrganisation(deps, secretariat, {
      name: "佐世保工業高等専門学校",
      reading: "させぼこうせん",
      sector: "academia",
    });
    await createPerson(deps, secretariat, { familyName: "既存", email: "dup@example.jp" });
    const csv = writeCsv([
      ["所属団体", "姓", "名", "メールアドレス", "メール受信同意"],
      ["佐世保工業高等専門学校", "西海", "花子", "saikai@example.jp", "はい"],
      ["存在しない団体", "東", "", "", ""],
      ["", "重複", "", "DUP@example.jp", "0"],
    ]);
    const preview = await previewImport(deps, secretariat, { kind: "people", bytes: csv });
    expect(preview.rows[1]!.errors).toEqual([{ field: "organisation", code: "community-unknown-organisation-name" }]);
    expect(preview.rows[2]!.duplicate).toMatchObject({ existing: "既存" });
    await expect(
      previewImport(deps, secretariat, {
        kind: "people",
        bytes: writeCsv([
          ["名", "メールアドレス"],
          ["x", "y"],
        ]),
      }),
    ).rejects.toMatchObject({ fields: [{ code: "community-import-columns" }] });

    const good = await previewImport(deps, secretariat, {
      kind: "people",
      bytes: writeCsv([
        ["所属団体", "姓", "名", "メールアドレス", "メール受信同意"],
        ["佐世保工業高等専門学校", "西海", "花子", "saikai@example.jp", "はい"],
      ]),
    });
    await confirmImport(deps, secretariat, good.token);
    const [imported] = (await listPeople(deps, secretariat, { q: "saikai" })).items;
    expect(imported).toMatchObject({ organisationName: "佐世保工業高等専門学校", mailOptIn: true });

    const exported = await exportRegistry(deps, secretariat, { kind: "people", format: "csv" });
    const text = new TextDecoder().decode(exported.bytes);
    expect(text).toContain("佐世保工業高等専門学校,西海,花子,,,,,saikai@example.jp,,はい,\r\n");
    const again = await previewImport(deps, secretariat, { kind: "people", bytes: exported.bytes });
    expect(again.rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(again.rows.filter((r) => r.duplicate?.existing).length).toBe(2);
    // Saved again by Japanese Excel as "CSV (コンマ区切り)": CP932 reads the same.
    const cp932 = await exportRegistry(deps, secretariat, { kind: "people", format: "csv", encoding: "cp932" });
    const fromExcel = await previewImport(deps, secretariat, { kind: "people", bytes: cp932.bytes });
    expect(fromExcel.rows.map((r) => r.values)).toEqual(again.rows.map((r) => r.values));
    const xlsx = await exportRegistry(deps, secretariat, { kind: "organisations", format: "xlsx" });
    expect([...xlsx.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

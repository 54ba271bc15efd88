import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { createEvent } from "./create-event.ts";
import { exportRegistrantsCsv, exportRegistrantsXlsx } from "./export-registrants.ts";
import { registerAttendee } from "./register-attendee.ts";
import { member, secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";

describe.each(testDatabases)("registrant export on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("CSV with a BOM, in registration order, formula-looking cells defused; XLSX with the same rows; secretariat only", async () => {
    const deps = testDeps(t.db);
    const event = await createEvent(deps, secretariat, seminarInput({ questions: [{ key: "dept", label: "部署" }] }));
    await registerAttendee(deps, anonymous, event.id, {
      name: "長崎, 花子",
      email: "a@example.jp",
      seatType: "venue",
      organisation: '=HYPERLINK("x")',
      answers: { dept: "情報システム部" },
      sector: "government",
    });
    await registerAttendee(deps, anonymous, event.id, {
      name: "佐世保 太郎",
      email: "b@example.jp",
      seatType: "online",
    });
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await exportRegistrantsCsv(deps, secretariat, event.id, "ja"),
    );
    expect(csv.startsWith("\uFEFF受付順,氏名,メールアドレス")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("部署");
    expect(lines[1]).toContain('"長崎, 花子"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain("行政・警察");
    expect(lines[1]).toContain("情報システム部");
    expect(lines[2]).toMatch(/^2,佐世保 太郎/);

    const workbook = new ExcelJS.Workbook();
    const xlsx = await exportRegistrantsXlsx(deps, secretariat, event.id, "en");
    await workbook.xlsx.load(xlsx.buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(2).value).toBe("Name");
    expect(sheet.getRow(3).getCell(2).value).toBe("佐世保 太郎");
    await expect(exportRegistrantsCsv(deps, member, event.id, "ja")).rejects.toMatchObject({ code: "forbidden" });
    // Names and addresses left the server twice: both are in the audit log, the refusal is not.
    const audited = await t.db
      .selectFrom("audit_events")
      .select(["actor_label", "after_json"])
      .where("action", "=", "event.registrants.export")
      .execute();
    expect(audited.map((a) => JSON.parse(a.after_json!).format)).toEqual(["csv", "xlsx"]);
  });
});

import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { translate } from "../../i18n/index.ts";
import { fixedClock } from "../shared/clock.ts";
import { auditActions, auditActionsOf, type AuditAction } from "./audit-actions.ts";
import { listAuditEvents } from "./list-audit-events.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { memberActor, secretariatActor } from "../../tests/fixtures/actors.ts";

const secretariat = secretariatActor({ userId: "u-sec", email: "office@nisa.example.jp", name: "事務局 一郎" });
const member = memberActor("org-1", { userId: "u-mem", email: "m@member.example.jp", name: "会員 花子" });

describe("the audit log's vocabulary", () => {
  it("names every recorded action and kind in Japanese and English, never by its code", () => {
    for (const action of Object.keys(auditActions) as AuditAction[]) {
      for (const locale of ["ja", "en"] as const) {
        const label = translate(locale, `audit.action.${action}`);
        expect(label, `${locale} ${action}`).not.toBe(`audit.action.${action}`);
        expect(label).not.toContain(".");
      }
    }
    expect(translate("ja", "audit.action.material.download")).toBe("講演資料のダウンロード");
  });

  it("counts every download and export among what left the server", () => {
    expect(auditActionsOf("exports")).toEqual(
      expect.arrayContaining(["material.download", "community.export", "report.export", "backup.create"]),
    );
    expect(auditActionsOf("exports")).not.toContain("material.upload");
  });
});

describe.each(testDatabases)("the audit log on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("filters by kind, by person and by Japan day; only the secretariat reads it", async () => {
    const clock = fixedClock("2021-01-26T14:59:00.000Z"); // 23:59 on 26 January in Japan
    await recordAuditEvent(t.db, clock, member, {
      action: "material.download",
      entityType: "material",
      entityId: "m1",
    });
    clock.advance(2 * 60_000); // 00:01 on the 27th in Japan
    await recordAuditEvent(t.db, clock, secretariat, { action: "community.export", entityType: "organisation" });
    await recordAuditEvent(t.db, clock, secretariat, {
      action: "organisation.update",
      entityType: "organisation",
      entityId: "o1",
    });

    const exports = await listAuditEvents(t.db, secretariat, { kind: "exports" });
    expect(exports.items.map((e) => e.action).sort()).toEqual(["community.export", "material.download"]);
    const byMember = await listAuditEvents(t.db, secretariat, { actorId: "u-mem" });
    expect(byMember.items.map((e) => e.action)).toEqual(["material.download"]);
    expect(byMember.actors).toEqual(
      expect.arrayContaining([{ id: "u-mem", label: expect.stringContaining("会員 花子") }]),
    );
    const onThe27th = await listAuditEvents(t.db, secretariat, { from: "2021-01-27", to: "2021-01-27" });
    expect(onThe27th.total).toBe(2);
    const community = await listAuditEvents(t.db, secretariat, { kind: "community", action: "organisation.update" });
    expect(community.items.map((e) => e.entityId)).toEqual(["o1"]);

    await expect(listAuditEvents(t.db, secretariat, { from: "2021-01-28", to: "2021-01-27" })).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "to", code: "audit-to-before-from" }],
    });
    await expect(listAuditEvents(t.db, secretariat, { kind: "nonsense" as "events" })).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "kind", code: "choice" }],
    });
    await expect(listAuditEvents(t.db, member, {})).rejects.toMatchObject({ code: "forbidden" });
  });
});

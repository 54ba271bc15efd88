/**
 * The programme's exports through their routes land in its own audit log, which its office reads
 * at /programme/<slug>/audit (and nobody else: 404).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addProgrammeStaff } from "#core/programme/add-programme-staff.ts";
import { createProgramme } from "#core/programme/create-programme.ts";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { userActor } from "../../tests/fixtures/actors.ts";
import { insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { loader as auditLoader } from "./programme.$slug.audit.tsx";
import { loader as kpisLoader } from "./programme.$slug.kpis.ts";

const cli = { kind: "system", name: "cli" } as const;

describe.each(testDatabases)("the programme's audit log on %s", (kind) => {
  const services = useTestServices(kind);
  let officer: ReturnType<typeof userActor>;

  beforeAll(async () => {
    const deps = programmeDepsFrom(services);
    await createProgramme(deps, cli, {
      slug: "kyushu",
      name: "九州経済産業局",
      communities: [services.community.slug],
    });
    officer = await insertUser(services.database.db, services.database.dialect, {
      name: "九州 一郎",
      email: "kyushu@example.jp",
    });
    await addProgrammeStaff(deps, cli, { programme: "kyushu", email: "kyushu@example.jp" });
  });

  it("records the KPI sheet the office downloads, and shows the log to the office only", async () => {
    const sheet = await callRoute(kpisLoader, {
      services,
      actor: officer,
      url: "/programme/kyushu/kpis?fromYear=2020",
      params: { slug: "kyushu" },
    });
    expect(sheet.status).toBe(200);
    const log = await callRoute(auditLoader, {
      services,
      actor: officer,
      url: "/programme/kyushu/audit",
      params: { slug: "kyushu" },
    });
    expect(log.data).toMatchObject({
      total: 1,
      items: [
        {
          action: "programme.kpi-sheet.export",
          actor: "九州 一郎 <kyushu@example.jp>",
          detail: { fromYear: 2020, toYear: 2020, communities: [services.community.slug] },
        },
      ],
    });
    const outsider = userActor({ userId: "someone-else" });
    const refused = await callRoute(auditLoader, {
      services,
      actor: outsider,
      url: "/programme/kyushu/audit",
      params: { slug: "kyushu" },
    });
    expect(refused.status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { up } from "./0410-mailings-human-approvers.ts";

describe.each(testDatabases)("migration 0410 on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("records the person behind a token on mailings it submitted or approved, and leaves the rest", async () => {
    const now = new Date().toISOString();
    const token = (id: string, createdBy: string | null) => ({
      id,
      name: id,
      token_hash: `hash-${id}`,
      role: "secretariat",
      scope_type: "global",
      scope_id: null,
      created_by: createdBy,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    await t.db
      .insertInto("api_tokens")
      .values([token("tok-hanako", "user-hanako"), token("tok-cli", null)])
      .execute();
    const mailing = (id: string, requestedBy: string | null, approvedBy: string | null) => ({
      id,
      subject: "s",
      body_template: "b",
      audience_json: "{}",
      post_id: null,
      status: "approved",
      created_by: null,
      requested_by: requestedBy,
      approved_by: approvedBy,
      approved_at: now,
      scheduled_at: null,
      started_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    });
    await t.db
      .insertInto("mailings")
      .values([
        mailing("m-token", "tok-hanako", "user-jiro"),
        mailing("m-people", "user-jiro", "tok-hanako"),
        mailing("m-cli", "tok-cli", null),
      ])
      .execute();
    await up(t.root);
    const rows = await t.db
      .selectFrom("mailings")
      .select(["id", "requested_by", "approved_by"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: "m-cli", requested_by: "tok-cli", approved_by: null },
      { id: "m-people", requested_by: "user-jiro", approved_by: "user-hanako" },
      { id: "m-token", requested_by: "user-hanako", approved_by: "user-jiro" },
    ]);
  });
});

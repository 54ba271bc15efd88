/**
 * The survey overview's action holds logic of its own between the form and core: it splits the
 * pasted addresses (spaces, commas, semicolons, Japanese 読点, new lines), reads the dates as Japan
 * time, and answers a refused form with its fields. The use cases are tested in core/surveys.
 */
import { describe, expect, it } from "vitest";
import { grant, secretariatActor } from "../../tests/fixtures/actors.ts";
import { insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { createSurvey } from "#core/surveys/create-survey.ts";
import { action } from "./surveys.$id._index.tsx";

describe.each(testDatabases)("the survey overview's action on %s", (kind) => {
  const services = useTestServices(kind);
  const office = async () =>
    insertUser(services.database.db, services.database.dialect, {
      name: "事務局",
      email: "office@example.jp",
      grants: [grant("secretariat")],
    });
  const survey = async (actor: Awaited<ReturnType<typeof office>>) =>
    (
      await createSurvey(services.accounts, actor, {
        title: "会員アンケート",
        template: "regional-standard",
        talks: [{ id: "t1", title: "講演1" }],
      })
    ).id;
  const post = (actor: Parameters<typeof callRoute>[1]["actor"], id: string, form: Record<string, string>) =>
    callRoute(action, { services, actor, url: `/surveys/${id}`, params: { id }, form });
  const invitations = (id: string) =>
    services.database.db
      .selectFrom("survey_invitations")
      .select("email")
      .where("survey_id", "=", id)
      .orderBy("email")
      .execute();

  it("invites each pasted address once, however the list was separated", async () => {
    const actor = await office();
    const id = await survey(actor);
    const result = await post(actor, id, {
      intent: "invite",
      emails: "a@example.jp、b@example.jp; c@example.jp\nd@example.jp, a@example.jp\t e@example.jp",
    });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true });
    expect(result.data.notice).toContain("5件");
    expect((await invitations(id)).map((r) => r.email)).toEqual([
      "a@example.jp",
      "b@example.jp",
      "c@example.jp",
      "d@example.jp",
      "e@example.jp",
    ]);
  });

  it("answers a malformed address with the field and a 422, and invites nobody", async () => {
    const actor = await office();
    const id = await survey(actor);
    const result = await post(actor, id, { intent: "invite", emails: "a@example.jp、これは宛先ではない" });
    expect(result.status).toBe(422);
    expect(result.data.ok).toBe(false);
    expect(JSON.stringify(result.data.fields)).toContain("emails");
    expect(await invitations(id)).toEqual([]);
  });

  it("reads the opening and closing times as Japan time", async () => {
    const actor = await office();
    const id = await survey(actor);
    const result = await post(actor, id, {
      intent: "settings",
      title: "会員アンケート 2021",
      access: "invitation",
      status: "open",
      opensAt: "2021-02-01T09:00",
      closesAt: "2021-02-28T17:30",
    });
    expect(result.data).toMatchObject({ ok: true });
    const row = await services.database.db
      .selectFrom("surveys")
      .select(["title", "access", "status", "opens_at", "closes_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      title: "会員アンケート 2021",
      access: "invitation",
      status: "open",
      opens_at: "2021-02-01T00:00:00.000Z",
      closes_at: "2021-02-28T08:30:00.000Z",
    });
  });

  it("refuses a member (403) and sends a secretariat session without the second factor to enrol", async () => {
    const actor = await office();
    const id = await survey(actor);
    const member = secretariatActor({ grants: [grant("member", "o1")] });
    expect((await post(member, id, { intent: "invite", emails: "a@example.jp" })).status).toBe(403);
    const unverified = await post({ ...actor, twoFactorEnabled: false }, id, { intent: "invite", emails: "a@x.jp" });
    expect([unverified.status, unverified.location]).toEqual([302, "/account/two-factor"]);
    expect(await invitations(id)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids.ts";
import { fixedClock } from "../shared/clock.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { createPost } from "../sharing/create-post.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { insertSurvey } from "../../tests/fixtures/rows.ts";
import { openSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { authenticateApiToken, createApiToken } from "../accounts/api-tokens.ts";
import { approveMailing, cancelMailing, submitMailing } from "./approve-mailing.ts";
import { enqueueMails } from "../mail/enqueue-mail.ts";
import { confirmLateMailing } from "./confirm-late-mailing.ts";
import { createMailing } from "./create-mailing.ts";
import { resendMailing } from "./resend-mailing.ts";
import { dispatchDueMailings, mailingDedupeKey } from "./dispatch-due-mailings.ts";
import { getMailing } from "./get-mailing.ts";
import { getMailingProgress } from "./get-mailing-progress.ts";
import { listMailingRecipients } from "./list-mailing-recipients.ts";
import { listMailings } from "./list-mailings.ts";
import { previewMailing, sendTestMailing } from "./preview-mailing.ts";
import { mergeFields, unsubscribeToken } from "./render-mailing.ts";
import { resolveAudience } from "./resolve-audience.ts";
import { unsubscribe, unsubscribeAddress } from "./unsubscribe.ts";

describe("mergeFields", () => {
  it("fills name and organisation and leaves unknown fields visible", () => {
    expect(mergeFields("{organisation} {name} 様 {namae}", { name: "長崎 太郎", organisationName: "NISA" })).toBe(
      "NISA 長崎 太郎 様 {namae}",
    );
  });
});

describe.each(testDatabases)("mailings on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-02-10T01:00:00.000Z");
  let world: SharingWorld;
  let deps: SharingDeps;
  let surveyId: string;

  beforeAll(async () => {
    ({ deps, world } = await openSharingWorld(services, clock, { secret: "mailing-secret-mailing-secret-0123" }));
    const now = clock.now().toISOString();
    surveyId = await insertSurvey(deps.db, { created_at: now, updated_at: now });
    for (const [email, state] of [
      ["taro@nisa-member.example", "completed"],
      ["hanako@trend.example", "invited"],
      ["x@nowhere.example", "started"],
    ] as const) {
      await deps.db
        .insertInto("survey_invitations")
        .values({
          id: newId(),
          survey_id: surveyId,
          email,
          person_id: null,
          organisation_id: null,
          token_hash: newId(),
          state,
          invited_at: now,
          completed_at: null,
          reminded_at: null,
          reminder_count: 0,
        })
        .execute();
    }
  });

  const emails = async (audience: Parameters<typeof resolveAudience>[1]) =>
    (await resolveAudience(deps.db, audience)).map((r) => r.email).sort();
  /** A mailing written, approved by the second secretariat user and dispatched now. */
  const sendNow = async (input: Parameters<typeof createMailing>[2]) => {
    const { id } = await createMailing(deps, world.actors.secretariat, input);
    await submitMailing(deps, world.actors.secretariat, id);
    await approveMailing(deps, world.actors.secretariat2, id);
    await dispatchDueMailings(deps);
    return id;
  };
  /**
   * After an announcement to all members, Taro unsubscribes through its link and Red's copy
   * bounced; then an AMBER case for organisation A (Hanako is in B) goes to all members.
   */
  const amberCaseAfterUnsubscribeAndBounce = async () => {
    await sendNow({ subject: "ご案内", bodyTemplate: "{name} 様", audience: { kind: "all-members" } });
    await deps.db
      .updateTable("outbox_messages")
      .set({ status: "failed", last_error: "550 5.1.1 unknown user" })
      .where("to_address", "=", "red@nisa-member.example")
      .execute();
    const taroMail = await deps.db
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", "taro@nisa-member.example")
      .where("dedupe_key", "is not", null)
      .executeTakeFirstOrThrow();
    const token = /\/mailings\/unsubscribe\/(\S+)/.exec(taroMail.text_body)![1]!;
    // Bound to the sending community; the old unbound form still works in the first community.
    expect(token).toBe(unsubscribeToken(deps.secret, "taro@nisa-member.example", deps.shared?.communityId));
    expect(deps.shared?.communityId).toBeTruthy();
    expect(await unsubscribeAddress(deps, unsubscribeToken(deps.secret, "taro@nisa-member.example"))).toBe(
      "taro@nisa-member.example",
    );
    await expect(
      unsubscribeAddress(deps, unsubscribeToken(deps.secret, "taro@nisa-member.example", "another-community")),
    ).rejects.toMatchObject({ code: "not-found" });
    await unsubscribe(deps, token);
    await expect(unsubscribe(deps, `${token.split(".")[0]}.forged`)).rejects.toMatchObject({ code: "not-found" });

    const post = await createPost(deps, world.actors.secretariat, {
      title: "A社向けの事案",
      body: "b",
      kind: "case",
      tlp: "AMBER",
      audience: { organisations: [world.orgA] },
    });
    return sendNow({
      subject: "事案共有",
      bodyTemplate: "{name} 様",
      audience: { kind: "all-members" },
      postId: post.id,
    });
  };

  it("resolves each audience, honouring opt-in for registry audiences, each address once", async () => {
    expect(await emails({ kind: "all-members" })).toEqual([
      "hanako@trend.example",
      "red@nisa-member.example",
      "taro@nisa-member.example",
    ]);
    expect(await emails({ kind: "group", groupId: world.groupId })).toEqual([
      "hanako@trend.example",
      "lead@itspace.example",
    ]);
    expect(await emails({ kind: "event-registrants", eventId: world.eventId })).toEqual(["shiro@guest.example"]);
    expect(await emails({ kind: "event-attendees", eventId: world.eventId })).toEqual(["shiro@guest.example"]);
    expect(await emails({ kind: "survey-non-respondents", surveyId })).toEqual([
      "hanako@trend.example",
      "x@nowhere.example",
    ]);
    expect(await emails({ kind: "hand-picked", personIds: [world.people.outsider, world.people.optedOut] })).toEqual([
      "jiro@other.example",
    ]);
    expect(await emails({ kind: "sector", sector: "academia" })).toEqual([]);
  });

  it("previews per recipient and sends a test to the author only", async () => {
    const { id } = await createMailing(deps, world.actors.secretariat, {
      subject: "{organisation} 御中: セミナーのご案内",
      bodyTemplate: "{name} 様\n1月27日のセミナーのご案内です。",
      audience: { kind: "all-members" },
    });
    const preview = await previewMailing(deps, world.actors.secretariat, id, 2);
    expect(preview.count).toBe(3);
    expect(preview.message!.subject).toBe(`${preview.recipients[2]!.organisationName} 御中: セミナーのご案内`);
    expect(preview.message!.text).toContain(`${preview.recipients[2]!.name} 様`);
    await sendTestMailing(deps, world.actors.secretariat, id);
    const test = await deps.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", "office@nisa.example")
      .executeTakeFirstOrThrow();
    expect(test.subject).toMatch(/^\[テスト送信\]/);
    await cancelMailing(deps, world.actors.secretariat, id);
  });

  it("needs a second secretariat user to approve, sends at the scheduled time, never twice, within the rate limit", async () => {
    await expect(
      createMailing(deps, world.actors.memberA, { subject: "x", bodyTemplate: "x", audience: { kind: "all-members" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createMailing(deps, world.actors.secretariat, { subject: "", bodyTemplate: "x", audience: { kind: "nobody" } }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    const { id } = await createMailing(deps, world.actors.secretariat, {
      subject: "ご案内",
      bodyTemplate: "{name} 様",
      audience: { kind: "all-members" },
    });
    await submitMailing(deps, world.actors.secretariat, id, { scheduledAt: "2021-02-10T12:00" });
    await expect(approveMailing(deps, world.actors.secretariat, id)).rejects.toMatchObject({ code: "forbidden" });
    await approveMailing(deps, world.actors.secretariat2, id);
    expect(await dispatchDueMailings(deps)).toMatchObject({ started: 0, queued: 0 });
    clock.set("2021-02-10T03:00:00.000Z"); // 12:00 in Japan
    expect(await dispatchDueMailings(deps, { ratePerMinute: 2 })).toMatchObject({ started: 1, queued: 2 });
    expect(await dispatchDueMailings(deps, { ratePerMinute: 2 })).toMatchObject({ queued: 0 });
    clock.advance(61_000);
    expect(await dispatchDueMailings(deps, { ratePerMinute: 2 })).toMatchObject({ queued: 1, finished: 1 });
    expect(await dispatchDueMailings(deps)).toMatchObject({ started: 0, queued: 0 });
    const outbox = await deps.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("dedupe_key", "like", `mailing:${id}:%`)
      .execute();
    expect(outbox.map((m) => m.to_address).sort()).toEqual([
      "hanako@trend.example",
      "red@nisa-member.example",
      "taro@nisa-member.example",
    ]);
    const headers = JSON.parse(outbox[0]!.headers_json);
    expect(headers["List-Unsubscribe"]).toMatch(/^<http:\/\/chiiki\.test\/mailings\/unsubscribe\/\S+>$/);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(outbox.every((m) => m.kind === "announcement")).toBe(true);
    const { progress, mailing } = await getMailingProgress(deps.db, world.actors.secretariat, id);
    expect(mailing.status).toBe("sent");
    expect(progress).toEqual({ total: 3, sent: 0, failed: 0, waiting: 3, skipped: 0 });
    await deps.db
      .updateTable("outbox_messages")
      .set({ status: "failed", last_error: "550 5.1.1 unknown user" })
      .where("to_address", "=", "red@nisa-member.example")
      .execute();
    await deps.db
      .updateTable("outbox_messages")
      .set({ status: "sent" })
      .where("to_address", "=", "taro@nisa-member.example")
      .execute();
    expect((await getMailingProgress(deps.db, world.actors.secretariat, id)).progress).toEqual({
      total: 3,
      sent: 1,
      failed: 1,
      waiting: 1,
      skipped: 0,
    });
    // "sent" only means all are in the outbox: the page says delivering while some wait there.
    expect((await getMailingProgress(deps.db, world.actors.secretariat, id, { now: clock.now() })).phase).toBe(
      "delivering",
    );

    // Resending goes to the one it did not reach, not to the one who has it nor the one waiting; once.
    expect(await resendMailing(deps, world.actors.secretariat, id)).toEqual({ queued: 1 });
    expect(await resendMailing(deps, world.actors.secretariat, id)).toEqual({ queued: 0 });
    const after = await deps.db
      .selectFrom("outbox_messages")
      .select(["to_address", "status"])
      .where("dedupe_key", "like", `mailing:${id}:%`)
      .orderBy("to_address")
      .orderBy("created_at")
      .execute();
    expect(after).toEqual([
      { to_address: "hanako@trend.example", status: "pending" },
      { to_address: "red@nisa-member.example", status: "failed" },
      { to_address: "red@nisa-member.example", status: "pending" },
      { to_address: "taro@nisa-member.example", status: "sent" },
    ]);
    expect((await getMailingProgress(deps.db, world.actors.secretariat, id)).progress).toMatchObject({
      failed: 0,
      waiting: 2,
    });
    await deps.db
      .updateTable("outbox_messages")
      .set({ status: "sent" })
      .where("dedupe_key", "like", `mailing:${id}:%`)
      .where("status", "=", "pending")
      .execute();
    expect((await getMailingProgress(deps.db, world.actors.secretariat, id, { now: clock.now() })).phase).toBe(
      "delivered",
    );
    await expect(resendMailing(deps, world.actors.secretariat, "nope")).rejects.toMatchObject({ code: "not-found" });
  });

  it("skips the unsubscribed, earlier bounces, and whoever may not see the AMBER post it carries", async () => {
    const id = await amberCaseAfterUnsubscribeAndBounce();
    const { recipients } = await getMailingProgress(deps.db, world.actors.secretariat, id);
    expect(Object.fromEntries(recipients.map((r) => [r.email, r.status]))).toEqual({
      "taro@nisa-member.example": "skipped-unsubscribed",
      "red@nisa-member.example": "skipped-bounced",
      "hanako@trend.example": "skipped-not-entitled",
    });
  });

  it("lets one secretariat user send alone when second approval is switched off", async () => {
    await deps.db.insertInto("app_settings").values({ key: "mailings.second_approval", value: "off" }).execute();
    const { id } = await createMailing(deps, world.actors.secretariat, {
      subject: "参加者の皆さまへ",
      bodyTemplate: "{name} 様",
      audience: { kind: "event-attendees", eventId: world.eventId },
    });
    expect(await submitMailing(deps, world.actors.secretariat, id)).toEqual({ status: "approved" });
    await dispatchDueMailings(deps);
    expect((await getMailingProgress(deps.db, world.actors.secretariat, id)).mailing.status).toBe("sent");
    await deps.db.deleteFrom("app_settings").where("key", "=", "mailings.second_approval").execute();
  });
  it("keeps a planned send time with the draft, which submitting fixes unless another is given", async () => {
    const planned = await createMailing(deps, world.actors.secretariat, {
      subject: "予告",
      bodyTemplate: "{name} 様",
      audience: { kind: "all-members" },
      scheduledAt: "2021-03-01T09:30",
    });
    expect((await getMailing(deps.db, world.actors.secretariat, planned.id)).scheduledAt).toBe(
      "2021-03-01T00:30:00.000Z",
    );
    await submitMailing(deps, world.actors.secretariat, planned.id, { scheduledAt: "" });
    expect((await getMailing(deps.db, world.actors.secretariat, planned.id)).scheduledAt).toBe(
      "2021-03-01T00:30:00.000Z",
    );
    const moved = await createMailing(deps, world.actors.secretariat, {
      subject: "予告",
      bodyTemplate: "x",
      audience: { kind: "all-members" },
      scheduledAt: "2021-03-01T09:30",
    });
    await submitMailing(deps, world.actors.secretariat, moved.id, { scheduledAt: "2021-03-02T10:00:00Z" });
    expect((await getMailing(deps.db, world.actors.secretariat, moved.id)).scheduledAt).toBe(
      "2021-03-02T10:00:00.000Z",
    );
    await expect(
      createMailing(deps, world.actors.secretariat, {
        subject: "x",
        bodyTemplate: "x",
        audience: { kind: "all-members" },
        scheduledAt: "いつか",
      }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "scheduledAt", code: "mailings-when" }] });
    for (const id of [planned.id, moved.id]) await cancelMailing(deps, world.actors.secretariat, id);
  });

  it("refuses an audience naming a group, seminar, survey or person that does not exist", async () => {
    const cases = [
      [{ kind: "group", groupId: "nope" }, "audience.groupId"],
      [{ kind: "event-registrants", eventId: "nope" }, "audience.eventId"],
      [{ kind: "event-attendees", eventId: "nope" }, "audience.eventId"],
      [{ kind: "survey-non-respondents", surveyId: "nope" }, "audience.surveyId"],
      [{ kind: "hand-picked", personIds: [world.people.outsider, "nope"] }, "audience.personIds"],
    ] as const;
    for (const [audience, field] of cases) {
      await expect(
        createMailing(deps, world.actors.secretariat, { subject: "x", bodyTemplate: "x", audience }),
        field,
      ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field, code: "mailings-unknown-audience" }] });
    }
    const { id } = await createMailing(deps, world.actors.secretariat, {
      subject: "x",
      bodyTemplate: "x",
      audience: { kind: "hand-picked", personIds: [world.people.outsider, world.people.outsider] },
    });
    await cancelMailing(deps, world.actors.secretariat, id);
  });

  it("lists mailings a page at a time and each recipient's status, for the secretariat only", async () => {
    for (const subject of ["下書き1", "下書き2", "下書き3"])
      await createMailing(deps, world.actors.secretariat, {
        subject,
        bodyTemplate: "x",
        audience: { kind: "all-members" },
      });
    await amberCaseAfterUnsubscribeAndBounce();
    const all = await listMailings(deps.db, world.actors.secretariat, { limit: 200 });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(4);
    const page = await listMailings(deps.db, world.actors.secretariat, { limit: 2, offset: 1 });
    expect(page).toEqual({ items: all.items.slice(1, 3), total: all.total });
    const created = all.items.map((m) => m.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const sent = await listMailings(deps.db, world.actors.secretariat, { status: "sent" });
    expect(sent.items.every((m) => m.status === "sent")).toBe(true);
    expect(sent.total).toBe(all.items.filter((m) => m.status === "sent").length);
    await expect(listMailings(deps.db, world.actors.secretariat, { limit: 0 })).rejects.toMatchObject({
      code: "validation-failed",
    });
    await expect(listMailings(deps.db, world.actors.memberA)).rejects.toMatchObject({ code: "forbidden" });

    const skipped = sent.items.find((m) => m.subject === "事案共有")!;
    const recipients = await listMailingRecipients(deps.db, world.actors.secretariat, skipped.id, { limit: 2 });
    expect(recipients.total).toBe(3);
    expect(recipients.items).toHaveLength(2);
    const rest = await listMailingRecipients(deps.db, world.actors.secretariat, skipped.id, { limit: 2, offset: 2 });
    expect(rest.items).toHaveLength(1);
    expect([...recipients.items, ...rest.items].map((r) => r.status).sort()).toEqual([
      "skipped-bounced",
      "skipped-not-entitled",
      "skipped-unsubscribed",
    ]);
    expect((await getMailing(deps.db, world.actors.secretariat, skipped.id)).progress).toEqual({
      total: 3,
      sent: 0,
      failed: 0,
      waiting: 0,
      skipped: 3,
    });
    await expect(listMailingRecipients(deps.db, world.actors.secretariat, "nope")).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(getMailing(deps.db, world.actors.secretariat, "nope")).rejects.toMatchObject({ code: "not-found" });
    await expect(getMailing(deps.db, world.actors.memberA, skipped.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("links a recipient another process already queued to that message instead of queueing a second", async () => {
    const { id } = await createMailing(deps, world.actors.secretariat, {
      subject: "部会のご案内",
      bodyTemplate: "{name} 様",
      audience: { kind: "group", groupId: world.groupId },
    });
    await submitMailing(deps, world.actors.secretariat, id);
    await approveMailing(deps, world.actors.secretariat2, id);
    // Started (recipients written), nothing queued yet: the rate limit has no room.
    expect(await dispatchDueMailings(deps, { ratePerMinute: 0 })).toMatchObject({ started: 1, queued: 0, finished: 0 });
    // Another process got as far as queueing one recipient's message (with that recipient's id) before this one.
    const lead = await deps.db
      .selectFrom("mailing_recipients")
      .select("id")
      .where("mailing_id", "=", id)
      .where("email", "=", "lead@itspace.example")
      .executeTakeFirstOrThrow();
    const first = await enqueueMails(deps.db, clock, [
      {
        id: lead.id,
        to: "lead@itspace.example",
        subject: "先に送信待ち",
        text: "x",
        kind: "announcement",
        dedupeKey: mailingDedupeKey(id, "lead@itspace.example"),
      },
    ]);
    expect(first).toBe(1);

    expect(await dispatchDueMailings(deps)).toMatchObject({ started: 0, queued: 2, finished: 1 });

    const outbox = await deps.db
      .selectFrom("outbox_messages")
      .select(["id", "to_address", "subject"])
      .where("dedupe_key", "like", `mailing:${id}:%`)
      .orderBy("to_address")
      .execute();
    expect(outbox.map((m) => [m.to_address, m.subject])).toEqual([
      ["hanako@trend.example", "部会のご案内"],
      ["lead@itspace.example", "先に送信待ち"],
    ]);
    const recipients = await deps.db
      .selectFrom("mailing_recipients")
      .select(["email", "status", "outbox_message_id"])
      .where("mailing_id", "=", id)
      .orderBy("email")
      .execute();
    expect(recipients).toEqual([
      { email: "hanako@trend.example", status: "queued", outbox_message_id: outbox[0]!.id },
      { email: "lead@itspace.example", status: "queued", outbox_message_id: lead.id },
    ]);
  });

  it("the second approver is a second person: not the submitter with their own token, nor a token no person created (issue 13, item 3)", async () => {
    const accounts = { db: deps.db, clock };
    const own = await createApiToken(accounts, world.actors.secretariat, { name: "自分の連携", role: "secretariat" });
    const other = await createApiToken(accounts, world.actors.secretariat2, {
      name: "同僚の連携",
      role: "secretariat",
    });
    const cli = await createApiToken(accounts, { kind: "system", name: "cli" }, { name: "cron", role: "secretariat" });
    const tokenActor = async (token: string) => (await authenticateApiToken(accounts, token))!;
    const draft = async () =>
      (
        await createMailing(deps, world.actors.secretariat, {
          subject: "四つの目",
          bodyTemplate: "{name} 様",
          audience: { kind: "all-members" },
        })
      ).id;

    // Submitted in the browser, approved by the same person with their own token: refused.
    const first = await draft();
    await submitMailing(deps, world.actors.secretariat, first);
    await expect(approveMailing(deps, await tokenActor(own.token), first)).rejects.toMatchObject({
      code: "forbidden",
      params: { reason: "second-approver" },
    });
    // A token made at the command line is nobody: it cannot be the second person either.
    await expect(approveMailing(deps, await tokenActor(cli.token), first)).rejects.toMatchObject({
      code: "forbidden",
      params: { reason: "second-approver" },
    });
    // A colleague's token is the colleague.
    await approveMailing(deps, await tokenActor(other.token), first);
    expect(
      await deps.db
        .selectFrom("mailings")
        .select(["requested_by", "approved_by"])
        .where("id", "=", first)
        .executeTakeFirstOrThrow(),
    ).toEqual({ requested_by: world.actors.secretariat.userId, approved_by: world.actors.secretariat2.userId });

    // Submitted with a token, approved by the token's creator in the browser: refused.
    const second = await draft();
    await submitMailing(deps, await tokenActor(own.token), second);
    await expect(approveMailing(deps, world.actors.secretariat, second)).rejects.toMatchObject({ code: "forbidden" });
    await approveMailing(deps, world.actors.secretariat2, second);
    for (const id of [first, second]) await cancelMailing(deps, world.actors.secretariat, id);
  });

  it("a mailing whose time passed long ago waits for confirmation instead of going out late", async () => {
    const phaseOf = async (id: string) =>
      (await getMailingProgress(deps.db, world.actors.secretariat, id, { now: clock.now() })).phase;
    const approved = async (scheduledAt: string) => {
      const { id } = await createMailing(deps, world.actors.secretariat, {
        subject: "遅れた案内",
        bodyTemplate: "{name} 様",
        audience: { kind: "all-members" },
      });
      await submitMailing(deps, world.actors.secretariat, id, { scheduledAt });
      return id;
    };
    clock.set("2021-03-10T00:00:00.000Z");
    const late = await approved("2021-03-10T10:00"); // 01:00 UTC
    await approveMailing(deps, world.actors.secretariat2, late);
    expect(await phaseOf(late)).toBe("scheduled");
    // The server was down (or a backup was restored) and comes back three hours after its time.
    clock.set("2021-03-10T04:00:00.000Z");
    expect(await phaseOf(late)).toBe("overdue");
    await dispatchDueMailings(deps);
    expect((await getMailing(deps.db, world.actors.secretariat, late)).status).toBe("approved");
    await expect(confirmLateMailing(deps, world.actors.memberA, late)).rejects.toMatchObject({ code: "forbidden" });
    await confirmLateMailing(deps, world.actors.secretariat, late);
    expect(await phaseOf(late)).toBe("starting");
    await expect(confirmLateMailing(deps, world.actors.secretariat, late)).rejects.toMatchObject({ code: "conflict" });
    await dispatchDueMailings(deps);
    expect((await getMailing(deps.db, world.actors.secretariat, late)).status).not.toBe("approved");
    const audit = await deps.db.selectFrom("audit_events").select("action").where("entity_id", "=", late).execute();
    expect(audit.map((a) => a.action)).toContain("mailing.confirm-late");

    // A time that passed while it waited for approval: approving sends it now, unasked twice.
    const slow = await approved("2021-03-10T13:30"); // 04:30 UTC
    clock.set("2021-03-10T09:00:00.000Z");
    await approveMailing(deps, world.actors.secretariat2, slow);
    expect(await phaseOf(slow)).toBe("starting");
    await dispatchDueMailings(deps);
    expect((await getMailing(deps.db, world.actors.secretariat, slow)).status).not.toBe("approved");
  });
});

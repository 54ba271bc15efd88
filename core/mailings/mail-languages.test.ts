/**
 * Mail in the recipient's language, over a real SMTP server in another process, on both
 * databases: a member gets their account's language in every mail sent to them (mailings,
 * invitations, survey invitations and reminders, sign-in links, password resets), and a mailing
 * with an English version sends it to those who chose English, Japanese to everyone else.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertSurvey } from "../../tests/fixtures/rows.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { startSmtpServer, type ReceivedMail, type SmtpServer } from "../../tests/support/smtp.ts";
import { inviteUser } from "../accounts/invite-user.ts";
import { requestMagicLink, requestPasswordReset } from "../accounts/request-account-mail.ts";
import { deliverDueMail } from "../mail/deliver-due-mail.ts";
import { createSmtpTransport, type MailTransport } from "../mail/transports.ts";
import { fixedClock, systemClock } from "../shared/clock.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { inviteRespondents } from "../surveys/invite-respondents.ts";
import { sendReminders } from "../surveys/send-reminders.ts";
import { approveMailing, submitMailing } from "./approve-mailing.ts";
import { createMailing } from "./create-mailing.ts";
import { dispatchDueMailings } from "./dispatch-due-mailings.ts";
import { previewMailing } from "./preview-mailing.ts";
import { resendMailing } from "./resend-mailing.ts";

const FROM = "長崎地域SECURITY 事務局 <no-reply@chiiki.example.jp>";
const ENGLISH = "hanako@trend.example";
const JAPANESE = "taro@nisa-member.example";

describe.each(testDatabases)("mail in the recipient's language on %s", (kind) => {
  const s = useTestServices(kind, { CHIIKI_RATE_LIMITS: "off" });
  const clock = fixedClock("2021-02-10T01:00:00.000Z");
  let smtp: SmtpServer;
  let transport: MailTransport;
  let world: SharingWorld;
  let deps: SharingDeps;

  /** Hands everything queued to the SMTP server and returns what arrived, by address. */
  const deliverAll = async (expected: number): Promise<Map<string, ReceivedMail[]>> => {
    // The real clock: what the suite's fixed clock queued (2021) and what Better Auth queued (now) are both due.
    const outcome = await deliverDueMail({
      db: s.database.db,
      clock: systemClock,
      transport,
      from: FROM,
      workerId: "w1",
    });
    expect(outcome.failed).toBe(0);
    const received = await smtp.waitForMessages(expected);
    expect(received).toHaveLength(expected);
    const byAddress = new Map<string, ReceivedMail[]>();
    for (const mail of received) byAddress.set(mail.to, [...(byAddress.get(mail.to) ?? []), mail]);
    await smtp.clear();
    return byAddress;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url);
    world = await seedSharingWorld(s.database.db, s.database.dialect, clock);
    deps = {
      db: s.database.db,
      clock,
      storage: s.storage,
      baseUrl: "http://chiiki.test",
      secret: "mailing-secret-mailing-secret-0123",
    };
    // 佐藤 花子 chose English on her account page; 長崎 太郎 chose Japanese; the others never chose.
    await s.database.db.updateTable("user").set({ locale: "en" }).where("email", "=", ENGLISH).execute();
    await s.database.db.updateTable("user").set({ locale: "ja" }).where("email", "=", JAPANESE).execute();
    await s.database.db
      .insertInto("app_settings")
      .values({ key: "community_name", value: "長崎地域SECURITY" })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
  });
  afterEach(async () => {
    await smtp.clear();
  });

  const sendMailing = async (input: Record<string, unknown>) => {
    const { id } = await createMailing(deps, world.actors.secretariat, { audience: { kind: "all-members" }, ...input });
    await submitMailing(deps, world.actors.secretariat, id, {});
    await approveMailing(deps, world.actors.secretariat2, id);
    await dispatchDueMailings(deps);
    return id;
  };

  it("a mailing with both versions: English to the member who chose English, Japanese to the rest", async () => {
    const id = await sendMailing({
      subject: "{organisation} 様 セミナーのご案内",
      bodyTemplate: "{name} 様\n\n来月のセミナーのご案内です。",
      subjectEn: "Seminar news for {organisation}",
      bodyTemplateEn: "Dear {name},\n\nHere is next month's seminar.",
    });
    const mail = await deliverAll(3);
    const english = mail.get(ENGLISH)![0]!;
    expect(english.subject).toBe("Seminar news for トレンドマイクロ株式会社");
    expect(english.text).toContain("Dear 佐藤 花子,\n\nHere is next month's seminar.");
    expect(english.text).toContain("Unsubscribe (stop receiving announcements like this):");
    expect(english.text).not.toContain("配信停止");
    for (const address of [JAPANESE, "red@nisa-member.example"]) {
      const japanese = mail.get(address)![0]!;
      expect(japanese.subject).toBe("長崎県情報産業協会 様 セミナーのご案内");
      expect(japanese.text).toContain("来月のセミナーのご案内です。");
      expect(japanese.text).toContain("配信停止（今後この種のお知らせを受け取らない）:");
      expect(japanese.text).not.toContain("Dear");
    }
    // Each recipient row keeps its language, so a resend to one it did not reach speaks the same.
    const rows = await s.database.db
      .selectFrom("mailing_recipients")
      .select(["email", "locale"])
      .where("mailing_id", "=", id)
      .orderBy("email")
      .execute();
    expect(rows).toEqual([
      { email: ENGLISH, locale: "en" },
      { email: "red@nisa-member.example", locale: "ja" },
      { email: JAPANESE, locale: "ja" },
    ]);
    await s.database.db
      .updateTable("outbox_messages")
      .set({ status: "failed", last_error: "550 mailbox full" })
      .where("to_address", "=", ENGLISH)
      .execute();
    expect(await resendMailing(deps, world.actors.secretariat, id)).toEqual({ queued: 1 });
    const again = await deliverAll(1);
    expect(again.get(ENGLISH)![0]!.subject).toBe("Seminar news for トレンドマイクロ株式会社");
    // The preview shows each recipient their own version.
    const preview = await previewMailing(deps, world.actors.secretariat, id, 0);
    const at = preview.recipients.findIndex((r) => r.email === ENGLISH);
    const theirs = await previewMailing(deps, world.actors.secretariat, id, at);
    expect(theirs.message).toMatchObject({ locale: "en", subject: "Seminar news for トレンドマイクロ株式会社" });
  });

  it("a mailing in Japanese only reaches the English reader in Japanese (the fallback)", async () => {
    await sendMailing({ subject: "年末のお知らせ", bodyTemplate: "{name} 様\n\n年末年始の休業のお知らせです。" });
    const mail = await deliverAll(3);
    expect(mail.get(ENGLISH)![0]!).toMatchObject({ subject: "年末のお知らせ" });
    expect(mail.get(ENGLISH)![0]!.text).toContain("配信停止");
  });

  it("refuses an unknown merge field in the English version, naming the valid ones", async () => {
    await expect(
      createMailing(deps, world.actors.secretariat, {
        subject: "ご案内",
        bodyTemplate: "{name} 様",
        subjectEn: "News",
        bodyTemplateEn: "Dear {nmae},",
        audience: { kind: "all-members" },
      }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [
        {
          field: "bodyTemplateEn",
          code: "mailings-unknown-merge-field",
          params: { fields: "{nmae}", valid: "{name}, {organisation}" },
        },
      ],
    });
  });

  it("account mails (invitation, sign-in link, password reset) follow the account's language", async () => {
    const system = { kind: "system" as const, name: "test" };
    // The secretariat writes the invitation in Japanese; the existing account chose English.
    await inviteUser(s.accounts, system, { email: ENGLISH, name: "佐藤 花子", role: "secretariat", locale: "ja" });
    await inviteUser(s.accounts, system, { email: "new@example.jp", name: "新規 太郎", role: "secretariat" });
    await requestMagicLink(s.accounts, { email: ENGLISH }, new Headers());
    await requestPasswordReset(s.accounts, { email: ENGLISH }, new Headers());
    await requestMagicLink(s.accounts, { email: JAPANESE }, new Headers());
    const mail = await deliverAll(5);
    expect(
      mail
        .get(ENGLISH)!
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      "[長崎地域SECURITY] Reset your password",
      "[長崎地域SECURITY] Your invitation",
      "[長崎地域SECURITY] Your sign-in link",
    ]);
    expect(mail.get("new@example.jp")![0]!.subject).toBe("【長崎地域SECURITY】ご招待");
    // Every account mail is in the community's name, subject and footer, not the software's.
    const signIn = mail.get(JAPANESE)![0]!;
    expect(signIn.subject).toBe("【長崎地域SECURITY】ログインリンク");
    expect(signIn.text).toContain(
      "このメールは 長崎地域SECURITY から Chiiki（コミュニティ運営システム）で自動送信されています。",
    );
  });

  it("survey invitations and reminders: each member in their account's language, others in the one chosen", async () => {
    const now = clock.now().toISOString();
    const surveyId = await insertSurvey(s.database.db, { created_at: now, updated_at: now });
    const surveys = { ...deps, dialect: s.database.dialect };
    await inviteRespondents(surveys, world.actors.secretariat, surveyId, {
      personIds: [world.people.memberB, world.people.memberA],
      emails: ["guest@example.jp"],
      locale: "ja",
    });
    const invited = await deliverAll(3);
    expect(invited.get(ENGLISH)![0]!.subject).toBe("[長崎地域SECURITY] Please answer our survey: 実態把握調査");
    expect(invited.get(JAPANESE)![0]!.subject).toMatch(/^【長崎地域SECURITY】/);
    expect(invited.get("guest@example.jp")![0]!.subject).toMatch(/^【長崎地域SECURITY】/);
    await sendReminders(surveys, world.actors.secretariat, surveyId, "ja");
    const reminded = await deliverAll(3);
    expect(reminded.get(ENGLISH)![0]!.subject).toBe("[長崎地域SECURITY] Reminder: 実態把握調査");
    expect(reminded.get(JAPANESE)![0]!.subject).toMatch(/^【長崎地域SECURITY】/);
  });
});

import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { anonymous } from "../accounts/actor.ts";
import { createMeeting } from "../community/create-meeting.ts";
import { createEvent } from "../events/create-event.ts";
import { registerAttendee } from "../events/register-attendee.ts";
import { seminarInput } from "../../tests/fixtures/events.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { approveMailing, submitMailing } from "../mailings/approve-mailing.ts";
import { inviteUser } from "../accounts/invite-user.ts";
import { insertEvent, insertOrganisation } from "../../tests/fixtures/rows.ts";
import { newId } from "../../db/ids.ts";
import { createMailing } from "../mailings/create-mailing.ts";
import { fixedClock } from "../shared/clock.ts";
import { createPost } from "../sharing/create-post.ts";
import { seedSharingWorld, type SharingWorld } from "../../tests/fixtures/sharing-world.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { inviteRespondents } from "../surveys/invite-respondents.ts";
import type { HomeDeps } from "./deps.ts";
import { getMemberHome } from "./get-member-home.ts";
import { getPublicHome } from "./get-public-home.ts";
import { getSecretariatHome } from "./get-secretariat-home.ts";

describe.each(testDatabases)("home pages on %s", (kind) => {
  const services = useTestServices(kind);
  const clock = fixedClock("2021-01-10T00:00:00.000Z");
  let deps: HomeDeps;
  let w: SharingWorld;
  let eventId: string;
  let membersEventId: string;
  let surveyId: string;

  beforeAll(async () => {
    deps = {
      db: services.database.db,
      dialect: services.database.dialect,
      clock,
      baseUrl: "http://chiiki.test",
      storage: services.storage,
    };
    w = await seedSharingWorld(deps.db, deps.dialect, clock);
    const sharing = { ...deps, secret: "home-secret-home-secret-home-secret-01" };
    const secretariat = w.actors.secretariat;
    const event = await createEvent(
      sharing,
      secretariat,
      seminarInput({ seatTypes: [{ key: "venue", label: "会場", capacity: 1, waitlist: true }] }),
    );
    eventId = event.id;
    membersEventId = (
      await createEvent(sharing, secretariat, seminarInput({ title: "会員向け勉強会", audience: "members" }))
    ).id;
    for (const [name, email] of [
      ["会員 一郎", w.actors.memberA.email],
      ["補欠 二郎", "two@example.jp"],
      ["補欠 三郎", "three@example.jp"],
    ] as const) {
      await registerAttendee(sharing, name === "会員 一郎" ? w.actors.memberA : anonymous, event.id, {
        name,
        email,
        seatType: "venue",
      });
    }
    surveyId = (
      await createSurvey(deps, secretariat, {
        title: "実態把握調査",
        template: "regional-standard",
        access: "invitation",
      })
    ).id;
    await inviteRespondents(deps, secretariat, surveyId, { emails: [w.actors.memberA.email, "x@example.jp"] });
    const mailing = await createMailing(sharing, secretariat, {
      subject: "セミナーのご案内",
      bodyTemplate: "{name} 様",
      audience: { kind: "all-members" },
    });
    await submitMailing(sharing, secretariat, mailing.id);
    await createPost(sharing, secretariat, {
      title: "取り込んだ記事",
      body: "b",
      kind: "news",
      tlp: "CLEAR",
      status: "draft",
    });
    await createPost(sharing, secretariat, { title: "公開の注意喚起", body: "b", kind: "advisory", tlp: "CLEAR" });
    await createPost(sharing, secretariat, {
      title: "A社向けの事案",
      body: "b",
      kind: "case",
      tlp: "AMBER",
      audience: { organisations: [w.orgA] },
    });
    const failed = await enqueueMail(deps.db, clock, {
      to: "bounce@example.jp",
      subject: "届かなかった案内",
      text: "x",
    });
    await deps.db
      .updateTable("outbox_messages")
      .set({ status: "failed", last_error: "550" })
      .where("id", "=", failed!.id)
      .execute();
    await createMeeting(deps, secretariat, {
      title: "運営委員会",
      startsAt: "2021-01-05T10:00",
      decisions: [
        { text: "次回セミナーの講師を決める", dueOn: "2021-01-20" },
        { text: "済んだこと", status: "done" },
      ],
    });
  });

  beforeEach(() => clock.set("2021-01-10T00:00:00.000Z"));

  it("tells the secretariat what needs doing, each item from its capability", async () => {
    const home = await getSecretariatHome(deps, w.actors.secretariat);
    const seminar = home.events.items.find((e) => e.id === eventId)!;
    expect(seminar.seats).toEqual([{ key: "venue", label: "会場", capacity: 1, confirmed: 1, waitlisted: 2 }]);
    expect(home.events.items.map((e) => e.id)).toContain(membersEventId);
    expect(home.surveys.items).toEqual([
      { id: surveyId, title: "実態把握調査", responses: 0, invited: 2, completedInvitations: 0 },
    ]);
    expect(home.mailingsAwaitingApproval.items.map((m) => m.subject)).toEqual(["セミナーのご案内"]);
    expect(home.feedDrafts.items.map((p) => p.title)).toEqual(["取り込んだ記事"]);
    expect(home.failedMail).toMatchObject({ total: 1, items: [{ to: "bounce@example.jp", lastError: "550" }] });
    expect(home.decisionsDue.items.map((d) => [d.text, d.dueOn])).toEqual([
      ["次回セミナーの講師を決める", "2021-01-20"],
    ]);
    expect(home.report.fiscalYear).toBe(2020);
    expect(home.report.label).toBe("令和2年度");
    expect(home.consentsPending.total).toBe(0);
  });

  it("lists the other to-dos: overdue mailings, seminars without feedback, surveys to review, expired invitations, members without contact", async () => {
    const sharing = { ...deps, secret: "home-secret-home-secret-home-secret-01" };
    const { secretariat, secretariat2 } = w.actors;
    const quiet = await getSecretariatHome(deps, secretariat);
    expect(quiet.overdueMailings.total).toBe(0);
    expect(quiet.eventsWithoutFeedback.total).toBe(0);
    expect(quiet.surveysAwaitingReview.total).toBe(0);
    expect(quiet.expiredInvitations.total).toBe(0);

    // A mailing approved for a time that passed long ago (say, before a restore) waits for confirmation.
    const late = await createMailing(sharing, secretariat, {
      subject: "年末のご案内",
      bodyTemplate: "{name} 様",
      audience: { kind: "all-members" },
    });
    await submitMailing(sharing, secretariat, late.id);
    await approveMailing(sharing, secretariat2, late.id);
    await deps.db
      .updateTable("mailings")
      .set({ scheduled_at: "2021-01-08T00:00:00.000Z" })
      .where("id", "=", late.id)
      .execute();
    // Two seminars ended; one has its survey, the other none; a cancelled one asks for nothing.
    const ended = await insertEvent(deps.db, {
      title: "年始の勉強会",
      starts_at: "2021-01-06T05:00:00.000Z",
      ends_at: "2021-01-06T07:00:00.000Z",
    });
    const surveyed = await insertEvent(deps.db, {
      title: "アンケート済みの勉強会",
      starts_at: "2021-01-07T05:00:00.000Z",
      ends_at: "2021-01-07T07:00:00.000Z",
    });
    await insertEvent(deps.db, {
      title: "中止した勉強会",
      status: "cancelled",
      starts_at: "2021-01-07T05:00:00.000Z",
      ends_at: "2021-01-07T07:00:00.000Z",
    });
    const closed = (
      await createSurvey(deps, secretariat, { title: "勉強会の感想", template: "regional-standard", eventId: surveyed })
    ).id;
    await deps.db
      .updateTable("surveys")
      .set({ status: "closed", event_id: surveyed })
      .where("id", "=", closed)
      .execute();
    const responseId = newId();
    const at = clock.now().toISOString();
    await deps.db
      .insertInto("survey_responses")
      .values({
        id: responseId,
        survey_id: closed,
        answers_json: "{}",
        status: "complete",
        source: "web",
        resume_hash: null,
        resume_page: null,
        created_at: at,
        updated_at: at,
        completed_at: at,
        excluded_at: null,
        excluded_reason: null,
        excluded_note: null,
        excluded_by: null,
      })
      .execute();
    for (const question of ["q1", "q2"])
      await deps.db
        .insertInto("survey_response_texts")
        .values({
          id: newId(),
          response_id: responseId,
          survey_id: closed,
          kind: "text",
          question,
          text: "とても良かった",
        })
        .execute();
    // An invitation that expired unanswered; another that expired but was sent again since.
    const invite = (email: string) =>
      inviteUser({ ...deps, auth: services.auth }, secretariat, { email, name: "招待 太郎", role: "secretariat" });
    await invite("gone@example.jp");
    await invite("again@example.jp");
    await deps.db.updateTable("invitations").set({ expires_at: "2021-01-09T00:00:00.000Z" }).execute();
    clock.advance(1000);
    await invite("again@example.jp");
    // A member organisation nobody can be written to at.
    const silent = await insertOrganisation(deps.db, { name: "連絡先のない協会", membership: "member" });

    const home = await getSecretariatHome(deps, secretariat);
    expect(home.overdueMailings.items).toEqual([
      { id: late.id, subject: "年末のご案内", scheduledAt: "2021-01-08T00:00:00.000Z" },
    ]);
    expect(home.eventsWithoutFeedback.items).toEqual([
      { id: ended, title: "年始の勉強会", endsAt: "2021-01-06T07:00:00.000Z" },
    ]);
    expect(home.surveysAwaitingReview.items).toMatchObject([{ id: closed, title: "勉強会の感想", unreviewed: 2 }]);
    expect(home.expiredInvitations.items.map((i) => i.email)).toEqual(["gone@example.jp"]);
    expect(home.membersWithoutContact.items).toEqual([{ id: silent, name: "連絡先のない協会" }]);
  });

  it("is the secretariat's only", async () => {
    await expect(getSecretariatHome(deps, w.actors.memberA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSecretariatHome(deps, anonymous)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("shows a member the seminars open to them, their registrations, posts for them and surveys to answer", async () => {
    const home = await getMemberHome(deps, w.actors.memberA);
    expect(home.openEvents.map((e) => [e.id, e.registered])).toEqual(
      expect.arrayContaining([
        [eventId, true],
        [membersEventId, false],
      ]),
    );
    expect(home.registrations).toMatchObject([{ eventId, seatLabel: "会場", status: "confirmed" }]);
    expect(home.newPosts.map((p) => p.title).sort()).toEqual(["A社向けの事案", "公開の注意喚起"]);
    expect(home.surveys).toEqual([{ id: surveyId, title: "実態把握調査", closesAt: null, state: "invited" }]);
    const other = await getMemberHome(deps, w.actors.memberB);
    expect(other.newPosts.map((p) => p.title)).toEqual(["公開の注意喚起"]);
    expect(other.registrations).toEqual([]);
    expect(other.surveys).toEqual([]);
  });

  it("shows anyone the upcoming public seminars and CLEAR advisories only", async () => {
    const home = await getPublicHome(deps);
    expect(home.events.map((e) => e.id)).toContain(eventId);
    expect(home.events.map((e) => e.id)).not.toContain(membersEventId);
    expect(home.advisories.map((p) => p.title)).toEqual(["公開の注意喚起"]);
  });
});

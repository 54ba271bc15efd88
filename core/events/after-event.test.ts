import { beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { anonymous } from "../accounts/actor.ts";
import { saveResponse } from "../surveys/save-response.ts";
import { computeEventFigures } from "./compute-event-figures.ts";
import { checkInAttendee } from "./check-in-attendee.ts";
import { createEvent } from "./create-event.ts";
import { getTicket } from "./get-ticket.ts";
import { registerAttendee } from "./register-attendee.ts";
import { sendDueReminders } from "./send-due-reminders.ts";
import { sendFeedbackForm } from "./send-feedback-form.ts";
import { member, secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";

describe.each(testDatabases)("before and after the event on %s", (kind) => {
  const services = useTestServices(kind);
  let domain = 0;
  beforeEach(() => void domain++);
  const email = (n: number) => `r${n}@after${domain}.example.jp`;

  async function seminarWithPeople() {
    const deps = testDeps(services.database.db, "2021-01-20T00:00:00.000Z");
    const event = await createEvent(
      deps,
      secretariat,
      seminarInput({
        sessions: [
          { title: "講演A", speakers: [] },
          { title: "講演B", speakers: [] },
        ],
      }),
    );
    const a = await registerAttendee(deps, anonymous, event.id, {
      name: "A",
      email: email(1),
      seatType: "venue",
      sector: "government",
    });
    const b = await registerAttendee(deps, anonymous, event.id, {
      name: "B",
      email: email(2),
      seatType: "online",
      sector: "industry",
    });
    await registerAttendee(deps, anonymous, event.id, {
      name: "C",
      email: email(3),
      seatType: "venue",
      sector: "industry",
    });
    return { deps, event, a, b };
  }
  const mailsTo = (n: number) =>
    services.database.db.selectFrom("outbox_messages").selectAll().where("to_address", "=", email(n)).execute();

  it("reminds each confirmed registrant once, within the window only", async () => {
    const { deps } = await seminarWithPeople();
    expect((await sendDueReminders(deps, secretariat)).reminded).toBe(0); // a week ahead: not yet
    deps.clock.set("2021-01-26T12:00:00.000Z");
    const first = await sendDueReminders(deps, secretariat);
    expect(first.reminded).toBeGreaterThanOrEqual(3);
    expect((await sendDueReminders(deps, secretariat)).reminded).toBe(0);
    const reminders = (await mailsTo(2)).filter((m) => m.subject.includes("開催のご案内"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text_body).toContain("secret-room"); // online and confirmed: the join link
    expect((await mailsTo(1)).find((m) => m.subject.includes("開催のご案内"))!.text_body).not.toContain("secret-room");
  });

  it("after the event, mails the feedback form to attendees only, once; figures count attended and no-show", async () => {
    const { deps, event, a, b } = await seminarWithPeople();
    await expect(sendFeedbackForm(deps, secretariat, event.id)).rejects.toMatchObject({
      code: "event-not-ended",
      fields: [{ code: "events-not-ended" }],
    });
    await checkInAttendee(deps, secretariat, event.id, {
      ticket: (await getTicket(services.database.db, a.token)).ticketCode!,
    });
    await services.database.db
      .updateTable("registrations")
      .set({ attended_online: 1 })
      .where("id", "=", b.id)
      .execute();
    deps.clock.set("2021-01-27T09:00:00.000Z");
    await expect(sendFeedbackForm(deps, member, event.id)).rejects.toMatchObject({ code: "forbidden" });
    const sent = await sendFeedbackForm(deps, secretariat, event.id);
    expect(sent.mailed).toBe(2);
    expect(await sendFeedbackForm(deps, secretariat, event.id)).toEqual({ surveyId: sent.surveyId, mailed: 0 });
    const survey = await services.database.db
      .selectFrom("surveys")
      .selectAll()
      .where("id", "=", sent.surveyId)
      .executeTakeFirstOrThrow();
    expect(survey).toMatchObject({ template: "talk-feedback", event_id: event.id });
    expect((await mailsTo(1)).find((m) => m.subject.includes("アンケート"))!.text_body).toContain(
      `/s/${sent.surveyId}`,
    );
    expect((await mailsTo(3)).filter((m) => m.subject.includes("アンケート"))).toHaveLength(0);

    const figures = await computeEventFigures(services.database.db, deps.clock, secretariat, event.id, "ja");
    expect(figures.total).toMatchObject({ registered: 3, attended: 2, noShow: 1 });
    expect(figures.bySeatType.map((r) => [r.key, r.registered, r.attended])).toEqual([
      ["venue", 2, 1],
      ["online", 1, 1],
    ]);
    expect(figures.bySector.find((r) => r.key === "industry")).toMatchObject({ registered: 2, attended: 1, noShow: 1 });
    expect(figures.talks.map((t) => [t.talk, t.usefulOrBetter])).toEqual([
      ["講演1「講演A」", null],
      ["講演2「講演B」", null],
    ]);
    // One attendee answers: talk A useful, talk B neutral → 100% and 0% "有益であった以上".
    const talks = await services.database.db
      .selectFrom("event_sessions")
      .select("id")
      .where("event_id", "=", event.id)
      .orderBy("position")
      .execute();
    await saveResponse(
      { db: services.database.db, dialect: services.database.dialect, clock: deps.clock, baseUrl: "" },
      {
        surveyId: sent.surveyId,
        answers: { q16: { [talks[0]!.id]: "useful", [talks[1]!.id]: "neutral" } },
        mode: "complete",
      },
    );
    const rated = await computeEventFigures(services.database.db, deps.clock, secretariat, event.id, "ja");
    expect(rated.talks.map((t) => [t.usefulOrBetter, t.base])).toEqual([
      [100, 1],
      [0, 1],
    ]);
    expect(figures.chartSvg).toContain("<svg");
  });
});

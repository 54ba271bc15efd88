import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { storedKeys } from "../../tests/support/storage.ts";
import { agreementFolder } from "./agreement-files.ts";
import { addAgreementAttachment } from "./add-agreement-attachment.ts";
import { createActivity } from "./create-activity.ts";
import { createAgreement } from "./create-agreement.ts";
import { createGroup } from "./create-group.ts";
import { createMeeting } from "./create-meeting.ts";
import { createOrganisation } from "./create-organisation.ts";
import { createPerson } from "./create-person.ts";
import { deleteActivity } from "./delete-activity.ts";
import { deleteAgreement } from "./delete-agreement.ts";
import { deleteGroup } from "./delete-group.ts";
import { deleteMeeting } from "./delete-meeting.ts";
import { getActivity } from "./get-activity.ts";
import { getAgreement } from "./get-agreement.ts";
import { getGroup } from "./get-group.ts";
import { getPerson } from "./get-person.ts";
import { listFormOptions } from "./list-form-options.ts";
import { listMeetingFormOptions } from "./list-meeting-form-options.ts";
import { getMeeting } from "./get-meeting.ts";
import { listActivities } from "./list-activities.ts";
import { listAgreements } from "./list-agreements.ts";
import { listDecisions } from "./list-decisions.ts";
import { listGroups } from "./list-groups.ts";
import { listMeetings } from "./list-meetings.ts";
import { listPeople } from "./list-people.ts";
import { readAgreementAttachment } from "./read-agreement-attachment.ts";
import { communityDeps, memberOf, secretariat, secretariatWithoutTwoFactor } from "../../tests/fixtures/community.ts";
import { updateActivity } from "./update-activity.ts";
import { updateAgreement } from "./update-agreement.ts";
import { updateDecisionStatus } from "./update-decision-status.ts";
import { updateGroup } from "./update-group.ts";
import { updateMeeting } from "./update-meeting.ts";
import { MINIMAL_PDF } from "../../tests/support/minimal-pdf.ts";

const PDF = new TextEncoder().encode(MINIMAL_PDF);

describe.each(testDatabases)("agreements, groups, meetings and activities on %s", (kind) => {
  const t = useTestDatabase(kind);

  async function threeBodies(deps: ReturnType<typeof communityDeps>) {
    const prefecture = await createOrganisation(deps, secretariat, {
      name: "長崎県",
      reading: "ながさきけん",
      sector: "government",
    });
    const university = await createOrganisation(deps, secretariat, {
      name: "長崎県立大学",
      reading: "ながさきけんりつだいがく",
      sector: "academia",
    });
    const nisa = await createOrganisation(deps, secretariat, {
      name: "一般社団法人長崎県情報産業協会",
      reading: "ながさきけんじょうほうさんぎょうきょうかい",
      sector: "industry",
      membership: "member",
    });
    return { prefecture, university, nisa };
  }

  it("records an agreement with parties, keeps its history, finds it by a party's reading", async () => {
    const deps = communityDeps(t);
    const { prefecture, university, nisa } = await threeBodies(deps);
    const agreement = await createAgreement(deps, secretariat, {
      title: "サイバーセキュリティに関する相互協力協定",
      signedOn: "2017-01-24",
      parties: [
        { organisationId: prefecture.id, signatoryTitle: "知事" },
        { organisationId: university.id, signatoryTitle: "学長" },
        { organisationId: nisa.id, signatoryTitle: "会長" },
      ],
    });
    expect(agreement.parties.map((p) => p.signatoryTitle)).toEqual(["知事", "学長", "会長"]);
    expect((await listAgreements(deps, secretariat, { q: "けんりつ" })).items.map((a) => a.id)).toContain(agreement.id);
    expect((await listAgreements(deps, secretariat, { q: "ソウゴキョウリョク" })).total).toBe(0);
    expect((await listAgreements(deps, secretariat, { q: "相互協力" })).items[0]).toMatchObject({
      id: agreement.id,
      parties: 3,
    });

    deps.clock = { now: () => new Date("2021-02-10T00:00:00.000Z") };
    const ended = await updateAgreement(deps, secretariat, agreement.id, { status: "ended", endedOn: "2024-03-31" });
    expect(ended.history.map((h) => h.change)).toEqual(["created", "updated"]);
    expect(ended.history[1]!.details).toMatchObject({ status: { from: "in-force", to: "ended" } });

    await expect(
      addAgreementAttachment(deps, secretariat, agreement.id, {
        fileName: "協定書.pdf",
        bytes: new TextEncoder().encode("<html>not a pdf</html>"),
      }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "file", code: "community-file-type" }] });
    const withFile = await addAgreementAttachment(deps, secretariat, agreement.id, {
      fileName: "../../協定書.pdf",
      bytes: PDF,
    });
    expect(withFile.attachments).toMatchObject([
      { fileName: "協定書.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength },
    ]);
    const download = await readAgreementAttachment(deps, secretariat, agreement.id, withFile.attachments[0]!.id);
    expect(Buffer.from(download.bytes).equals(Buffer.from(PDF))).toBe(true);
    await expect(
      readAgreementAttachment(deps, memberOf(nisa.id), agreement.id, withFile.attachments[0]!.id),
    ).rejects.toMatchObject({ code: "forbidden" });

    await expect(getAgreement(deps, memberOf(nisa.id), agreement.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createAgreement(deps, secretariat, { title: "x", parties: [{ organisationId: "nope" }] }),
    ).rejects.toMatchObject({ fields: [{ field: "parties", code: "community-unknown-organisation" }] });
    await deleteAgreement(deps, secretariat, agreement.id);
    expect(await storedKeys(deps.storage, agreementFolder(agreement.id))).toEqual([]);
    await expect(getAgreement(deps, secretariat, agreement.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("keeps a working group's officers with a vacant key-person post, readable by member organisations only", async () => {
    const deps = communityDeps(t);
    const { university, nisa, prefecture } = await threeBodies(deps);
    const lead = await createPerson(deps, secretariat, {
      organisationId: nisa.id,
      familyName: "長崎",
      givenName: "太郎",
      familyReading: "ながさき",
      givenReading: "たろう",
    });
    const group = await createGroup(deps, secretariat, {
      kind: "working-group",
      name: "情報セキュリティ部会",
      reading: "じょうほうせきゅりてぃぶかい",
      hostOrganisationId: nisa.id,
      members: [{ organisationId: nisa.id }, { personId: lead.id }],
      officers: [
        { role: "部会長", personId: lead.id, termStart: "2020-04-01", termEnd: "2022-03-31" },
        { role: "キーパーソン" },
      ],
    });
    expect(group.officers).toMatchObject([
      { role: "部会長", vacant: false, personName: "長崎 太郎" },
      { role: "キーパーソン", vacant: true, personName: null },
    ]);
    expect((await getPerson(deps, secretariat, lead.id)).roles).toEqual([
      { groupId: group.id, groupName: "情報セキュリティ部会", role: "部会長" },
    ]);
    const leadActor = {
      ...memberOf("none"),
      grants: [{ role: "group-lead" as const, scopeType: "group" as const, scopeId: group.id }],
    };
    expect((await listGroups(deps, leadActor, {})).items.map((g) => g.id)).toEqual([group.id]);
    expect((await getGroup(deps, leadActor, group.id)).officers[0]!.personName).toBeNull();
    expect(await listFormOptions(deps, memberOf(nisa.id))).toMatchObject({
      organisations: [{ id: nisa.id }],
      people: [{ id: lead.id }],
      groups: [],
    });
    expect((await listFormOptions(deps, secretariat)).organisations.length).toBeGreaterThanOrEqual(3);
    expect((await listGroups(deps, secretariat, { q: "ブカイ" })).items[0]).toMatchObject({
      id: group.id,
      members: 2,
      vacantOfficers: 1,
    });
    // The people of a group: its members in person, and everyone of its member organisations.
    const colleague = await createPerson(deps, secretariat, { organisationId: nisa.id, familyName: "出島" });
    const outsider = await createPerson(deps, secretariat, { organisationId: university.id, familyName: "大学" });
    const byGroup = (await listPeople(deps, secretariat, { groupId: group.id })).items.map((p) => p.id);
    expect(byGroup).toEqual(expect.arrayContaining([lead.id, colleague.id]));
    expect(byGroup).not.toContain(outsider.id);

    const asMember = await getGroup(deps, memberOf(nisa.id), group.id);
    expect(asMember.officers[0]!.personName).toBe("長崎 太郎");
    await expect(getGroup(deps, memberOf(university.id), group.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listGroups(deps, memberOf(university.id), {})).total).toBe(0);
    expect((await listGroups(deps, memberOf(nisa.id), {})).items.map((g) => g.id)).toEqual([group.id]);

    const updated = await updateGroup(deps, secretariat, group.id, {
      officers: [
        { role: "部会長", personId: lead.id },
        { role: "監事", organisationId: prefecture.id },
      ],
    });
    expect(updated.officers.map((o) => [o.role, o.vacant, o.organisationName])).toEqual([
      ["部会長", false, null],
      ["監事", false, "長崎県"],
    ]);
    await expect(updateGroup(deps, memberOf(nisa.id), group.id, { name: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createGroup(deps, secretariat, { kind: "club", name: "" })).rejects.toMatchObject({
      code: "validation-failed",
    });
    await deleteGroup(deps, secretariat, group.id);
    await expect(getGroup(deps, secretariat, group.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("records a meeting with attendees by organisation and decisions, and keeps a register", async () => {
    const deps = communityDeps(t);
    const { prefecture, university, nisa } = await threeBodies(deps);
    const meeting = await createMeeting(deps, secretariat, {
      title: "関係者会議",
      startsAt: "2021-02-09T14:00",
      endsAt: "2021-02-09T15:30",
      onlineTool: "Webex",
      agenda: "1. 人材育成\n2. 情報共有",
      attendees: [
        { organisationId: prefecture.id, label: "産業労働部 5名" },
        { organisationId: university.id },
        { organisationId: nisa.id, label: "会長・副会長・理事" },
      ],
      decisions: [
        { text: "セミナー情報を相互に周知する", ownerOrganisationId: nisa.id, dueOn: "2021-03-31" },
        { text: "講演資料は講師の承諾を得て電子的に共有する", ownerLabel: "各団体" },
      ],
    });
    expect(meeting.startsAt).toBe("2021-02-09T05:00:00.000Z");
    expect(meeting.attendees.map((a) => a.organisationName)).toEqual([
      "長崎県",
      "長崎県立大学",
      "一般社団法人長崎県情報産業協会",
    ]);
    expect((await listMeetings(deps, secretariat, { q: "周知" })).items[0]).toMatchObject({
      id: meeting.id,
      openDecisions: 2,
    });
    expect((await listMeetings(deps, secretariat, { from: "2021-02-09", to: "2021-02-09" })).total).toBe(1);
    expect((await listMeetings(deps, secretariat, { from: "2021-02-10" })).total).toBe(0);

    const [first, second] = meeting.decisions;
    await updateDecisionStatus(deps, secretariat, first!.id, { status: "done" });
    const register = await listDecisions(deps, secretariat, { status: "open" });
    expect(register.items.map((d) => d.id)).toEqual([second!.id]);
    expect(register.items[0]).toMatchObject({ meetingTitle: "関係者会議", ownerLabel: "各団体" });

    const edited = await updateMeeting(deps, secretariat, meeting.id, {
      minutesMarkdown: "# 議事録\n<script>alert(1)</script>",
      decisions: [{ id: second!.id, text: second!.text, status: "open" }, { text: "次年度も会議を開催する" }],
    });
    expect(edited.decisions.map((d) => d.id)[0]).toBe(second!.id);
    expect(edited.decisions).toHaveLength(2);
    await expect(updateDecisionStatus(deps, secretariat, first!.id, { status: "done" })).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(createMeeting(deps, secretariat, { title: "x", startsAt: "昨日" })).rejects.toMatchObject({
      fields: [{ field: "startsAt", code: "community-datetime" }],
    });
    await expect(getMeeting(deps, memberOf(nisa.id), meeting.id)).rejects.toMatchObject({ code: "forbidden" });
    await deleteMeeting(deps, secretariat, meeting.id);
    expect((await listDecisions(deps, secretariat, {})).items.filter((d) => d.meetingId === meeting.id)).toEqual([]);
  });

  it("lets a group lead run their own group's meetings — read, record, edit, close decisions — and no other group's", async () => {
    const deps = communityDeps(t);
    const { prefecture, nisa } = await threeBodies(deps);
    const chair = await createPerson(deps, secretariat, {
      organisationId: prefecture.id,
      familyName: "県庁",
      givenName: "一郎",
      familyReading: "けんちょう",
    });
    const own = await createGroup(deps, secretariat, {
      kind: "working-group",
      name: "情報セキュリティ部会",
      reading: "じょうほうせきゅりてぃぶかい",
    });
    const other = await createGroup(deps, secretariat, {
      kind: "research-group",
      name: "人材育成研究会",
      reading: "じんざいいくせいけんきゅうかい",
    });
    const lead = {
      ...memberOf("none"),
      grants: [{ role: "group-lead" as const, scopeType: "group" as const, scopeId: own.id }],
    };
    const leadToken = { kind: "token" as const, tokenId: "t-lead", name: "部会長の連携", grants: lead.grants };
    const meeting = (title: string, groupId: string | null) =>
      createMeeting(deps, secretariat, {
        title,
        groupId,
        startsAt: "2021-02-09T14:00",
        attendees: [{ organisationId: nisa.id }, { personId: chair.id, label: "座長" }],
        decisions: [{ text: `${title}の申し合わせ` }],
      });
    const ownMeeting = await meeting("第3回部会", own.id);
    const otherMeeting = await meeting("研究会の打合せ", other.id);
    const plenary = await meeting("関係者会議", null);

    // reads their group's meeting (not the names of people they may not read), not the others
    const seen = await getMeeting(deps, lead, ownMeeting.id);
    expect(seen).toMatchObject({ id: ownMeeting.id, groupId: own.id, decisions: [{ text: "第3回部会の申し合わせ" }] });
    expect(seen.attendees.map((a) => [a.organisationName, a.personName, a.label])).toEqual([
      ["一般社団法人長崎県情報産業協会", null, null],
      [null, null, "座長"],
    ]);
    expect((await getMeeting(deps, secretariat, ownMeeting.id)).attendees[1]!.personName).toBe("県庁 一郎");
    await expect(getMeeting(deps, lead, otherMeeting.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getMeeting(deps, lead, plenary.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getMeeting(deps, lead, "nonexistent")).rejects.toMatchObject({ code: "not-found" });
    expect((await listMeetings(deps, lead, {})).items.map((m) => m.id)).toEqual([ownMeeting.id]);
    expect((await listMeetings(deps, leadToken, {})).items.map((m) => m.id)).toEqual([ownMeeting.id]);
    expect((await listMeetings(deps, lead, { groupId: other.id })).total).toBe(0);
    expect((await listMeetings(deps, secretariat, {})).total).toBe(3);
    expect((await listDecisions(deps, lead, {})).items.map((d) => d.meetingId)).toEqual([ownMeeting.id]);

    // closes their own decisions only
    await updateDecisionStatus(deps, lead, ownMeeting.decisions[0]!.id, { status: "done" });
    expect((await getMeeting(deps, secretariat, ownMeeting.id)).decisions[0]!.status).toBe("done");
    await expect(
      updateDecisionStatus(deps, lead, otherMeeting.decisions[0]!.id, { status: "done" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await getMeeting(deps, secretariat, otherMeeting.id)).decisions[0]!.status).toBe("open");

    // records and edits their group's meetings, and cannot move one out of the group
    const recorded = await createMeeting(deps, lead, {
      title: "第4回部会",
      groupId: own.id,
      startsAt: "2021-03-09T14:00",
      minutesMarkdown: "## 議事録",
    });
    expect(recorded).toMatchObject({ groupId: own.id, minutesMarkdown: "## 議事録" });
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "actor_label"])
      .where("entity_id", "=", recorded.id)
      .execute();
    expect(audit).toEqual([{ action: "meeting.create", actor_label: expect.stringContaining("会員担当者") }]);
    await expect(createMeeting(deps, lead, { title: "全体会議", startsAt: "2021-03-10T14:00" })).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "groupId", code: "community-own-group" }],
    });
    await expect(
      createMeeting(deps, lead, { title: "他の会", groupId: other.id, startsAt: "2021-03-10T14:00" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const edited = await updateMeeting(deps, lead, ownMeeting.id, { minutesMarkdown: "- 次回は3月" });
    expect(edited.minutesMarkdown).toBe("- 次回は3月");
    expect(edited.attendees[1]!.personName).toBeNull();
    // keeps the people the secretariat recorded, but names no one else
    const kept = await updateMeeting(deps, lead, ownMeeting.id, {
      attendees: [{ organisationId: nisa.id }, { personId: chair.id, label: "座長" }],
    });
    expect(kept.attendees.map((a) => a.personId)).toEqual([null, chair.id]);
    const stranger = await createPerson(deps, secretariat, { organisationId: nisa.id, familyName: "他人" });
    await expect(
      updateMeeting(deps, lead, ownMeeting.id, { attendees: [{ personId: stranger.id }] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createMeeting(deps, lead, {
        title: "第5回部会",
        groupId: own.id,
        startsAt: "2021-04-09T14:00",
        attendees: [{ personId: chair.id }],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await getMeeting(deps, secretariat, ownMeeting.id)).attendees.map((a) => a.personId)).toEqual([
      null,
      chair.id,
    ]);
    await expect(updateMeeting(deps, lead, ownMeeting.id, { groupId: other.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateMeeting(deps, lead, ownMeeting.id, { groupId: null })).rejects.toMatchObject({
      fields: [{ field: "groupId", code: "community-own-group" }],
    });
    await expect(updateMeeting(deps, lead, otherMeeting.id, { minutesMarkdown: "書き換え" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateMeeting(deps, lead, plenary.id, { minutesMarkdown: "書き換え" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await getMeeting(deps, secretariat, otherMeeting.id)).minutesMarkdown).toBeNull();
    expect((await getMeeting(deps, secretariat, ownMeeting.id)).groupId).toBe(own.id);
    // removing a meeting stays the secretariat's
    await expect(deleteMeeting(deps, lead, ownMeeting.id)).rejects.toMatchObject({ code: "forbidden" });

    // the form offers their groups and organisations by name, no people
    const options = await listMeetingFormOptions(deps, lead);
    expect(options).toMatchObject({ groups: [{ id: own.id }], people: [], groupRequired: true });
    expect(options.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([prefecture.id, nisa.id]));
    expect(await listMeetingFormOptions(deps, secretariat)).toMatchObject({
      groupRequired: false,
      groups: expect.arrayContaining([{ id: other.id, name: "人材育成研究会" }]),
    });

    // everyone else is refused as before
    for (const outsider of [memberOf(nisa.id), { ...memberOf("none"), grants: [] }]) {
      await expect(listMeetings(deps, outsider, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(listDecisions(deps, outsider, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(getMeeting(deps, outsider, ownMeeting.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(listMeetingFormOptions(deps, outsider)).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        createMeeting(deps, outsider, { title: "x", groupId: own.id, startsAt: "2021-03-10T14:00" }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(listMeetings(deps, secretariatWithoutTwoFactor, {})).rejects.toMatchObject({
      code: "two-factor-required",
    });
  });

  it("logs activities with talks, searchable by a speaker's affiliation", async () => {
    const deps = communityDeps(t);
    const activity = await createActivity(deps, secretariat, {
      heldOn: "2021-02-01",
      kind: "webinar",
      organiser: "SC3",
      title: "最近のサイバー攻撃の実態と対策",
      talks: [
        { title: "Emotetの手口と対策", affiliation: "IPA" },
        { title: "ランサムウェア(2) 被害実態と対策", affiliation: "JPCERT/CC" },
      ],
      attendees: [{ label: "事務局" }],
    });
    expect(activity.talks).toHaveLength(2);
    expect((await listActivities(deps, secretariat, { q: "jpcert" })).items[0]).toMatchObject({
      id: activity.id,
      talks: 2,
    });
    const updated = await updateActivity(deps, secretariat, activity.id, {
      talks: [{ title: "パネルディスカッション" }],
    });
    expect(updated.talks.map((x) => x.title)).toEqual(["パネルディスカッション"]);
    expect((await listActivities(deps, secretariat, { q: "jpcert" })).total).toBe(0);
    await expect(
      createActivity(deps, secretariat, { heldOn: "2021-02-30", kind: "webinar", title: "x" }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await expect(listActivities(deps, memberOf("x"), {})).rejects.toMatchObject({ code: "forbidden" });
    await deleteActivity(deps, secretariat, activity.id);
    await expect(getActivity(deps, secretariat, activity.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { createEvent } from "../events/create-event.ts";
import { createPost } from "../sharing/create-post.ts";
import { createOrganisation } from "./create-organisation.ts";
import { createPerson } from "./create-person.ts";
import { deleteOrganisation } from "./delete-organisation.ts";
import { deletePerson } from "./delete-person.ts";
import { getOrganisation } from "./get-organisation.ts";
import { getPerson } from "./get-person.ts";
import { listOrganisations } from "./list-organisations.ts";
import { listPeople } from "./list-people.ts";
import { mergeOrganisations } from "./merge-organisations.ts";
import {
  anonymousActor,
  communityDeps,
  memberOf,
  secretariat,
  secretariatWithoutTwoFactor,
} from "../../tests/fixtures/community.ts";
import { updateOrganisation } from "./update-organisation.ts";
import { updatePerson } from "./update-person.ts";

describe.each(testDatabases)("organisations and people on %s", (kind) => {
  const t = useTestDatabase(kind);
  const police = {
    name: "長崎県警察本部",
    reading: "ながさきけんけいさつほんぶ",
    sector: "government",
    prefecture: "nagasaki",
    membership: "partner",
  };

  it("creates an organisation and finds it by its reading in any kana or width", async () => {
    const deps = communityDeps(t);
    const created = await createOrganisation(deps, secretariat, police);
    expect(created).toMatchObject({
      id: expect.any(String),
      name: "長崎県警察本部",
      sector: "government",
      access: "full",
    });
    for (const q of ["けいさつ", "ケイサツ", "ｹｲｻﾂ", "警察", "長崎 県"]) {
      const found = await listOrganisations(deps, secretariat, { q });
      expect(
        found.items.map((o) => o.id),
        q,
      ).toContain(created.id);
    }
    expect((await listOrganisations(deps, secretariat, { q: "だいがく" })).items.map((o) => o.id)).not.toContain(
      created.id,
    );
    expect((await listOrganisations(deps, secretariat, { q: "%" })).total).toBe(0);
    expect((await listOrganisations(deps, secretariat, { q: "_" })).total).toBe(0);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("entity_id", "=", created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["organisation.create"]);
  });

  it("rejects bad input field by field and writes nothing", async () => {
    const deps = communityDeps(t);
    const before = (await listOrganisations(deps, secretariat, { limit: 200 })).total;
    await expect(
      createOrganisation(deps, secretariat, {
        name: "",
        sector: "space",
        prefecture: "atlantis",
        website: "javascript:alert(1)",
      }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        expect.objectContaining({ field: "name", code: "required" }),
        expect.objectContaining({ field: "sector" }),
        expect.objectContaining({ field: "prefecture" }),
        expect.objectContaining({ field: "website" }),
      ]),
    });
    expect((await listOrganisations(deps, secretariat, { limit: 200 })).total).toBe(before);
  });

  it("filters, sorts by reading and pages", async () => {
    const deps = communityDeps(t);
    for (const [name, reading, sector] of [
      ["長崎大学", "ながさきだいがく", "academia"],
      ["長崎県立大学", "ながさきけんりつだいがく", "academia"],
      ["株式会社ラック", "らっく", "industry"],
    ] as const) {
      await createOrganisation(deps, secretariat, { name, reading, sector, prefecture: "nagasaki" });
    }
    const academia = await listOrganisations(deps, secretariat, { sector: "academia" });
    expect(academia.items.map((o) => o.name)).toEqual(["長崎県立大学", "長崎大学"]);
    const page = await listOrganisations(deps, secretariat, { limit: 1, offset: 1, sector: "academia" });
    expect(page).toMatchObject({ total: 2, items: [{ name: "長崎大学" }] });
    await expect(listOrganisations(deps, secretariat, { limit: 0 })).rejects.toMatchObject({
      code: "validation-failed",
    });
  });

  it("lets a member contact edit only their own organisation and its people", async () => {
    const deps = communityDeps(t);
    const own = await createOrganisation(deps, secretariat, {
      name: "株式会社亀山電機",
      reading: "かめやまでんき",
      sector: "industry",
      membership: "member",
    });
    const other = await createOrganisation(deps, secretariat, {
      name: "扇精光ソリューションズ株式会社",
      reading: "おうぎせいこうそりゅーしょんず",
      sector: "industry",
      notes: "内部メモ",
    });
    const otherPerson = await createPerson(deps, secretariat, {
      organisationId: other.id,
      familyName: "佐藤",
      givenName: "花子",
      email: "Hanako@Example.jp",
    });
    expect(otherPerson.email).toBe("hanako@example.jp");
    const member = memberOf(own.id);

    expect((await updateOrganisation(deps, secretariat, own.id, { notes: "監事" })).membership).toBe("member");
    const updated = await updateOrganisation(deps, member, own.id, { address: "長崎市", membership: "none" });
    expect(updated).toMatchObject({ address: "長崎市", membership: "member" });
    await expect(updateOrganisation(deps, member, other.id, { address: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const seenOther = await getOrganisation(deps, member, other.id);
    expect(seenOther).toMatchObject({ access: "public", name: other.name });
    expect(seenOther.notes).toBeUndefined();
    expect(seenOther.people).toBeUndefined();

    const mine = await createPerson(deps, member, {
      organisationId: own.id,
      familyName: "田中",
      familyReading: "たなか",
      mailOptIn: true,
      qualifications: [{ kind: "riss", registrationNumber: "012345", renewalDueOn: "2024-04-01" }],
    });
    expect(mine.qualifications).toMatchObject([{ kind: "riss", registrationNumber: "012345" }]);
    await expect(createPerson(deps, member, { organisationId: other.id, familyName: "侵入" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getPerson(deps, member, otherPerson.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updatePerson(deps, member, otherPerson.id, { title: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updatePerson(deps, member, mine.id, { organisationId: other.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deletePerson(deps, member, otherPerson.id)).rejects.toMatchObject({ code: "forbidden" });
    const visible = await listPeople(deps, member, {});
    expect(visible.items.map((p) => p.id)).toEqual([mine.id]);
    expect((await updatePerson(deps, member, mine.id, { title: "情報システム課長" })).title).toBe("情報システム課長");

    await expect(createOrganisation(deps, member, { name: "x", sector: "other" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deleteOrganisation(deps, member, own.id)).rejects.toMatchObject({ code: "forbidden" });
    const listed = await listOrganisations(deps, member, { q: "おうぎ" });
    expect(listed.items[0]).toMatchObject({ access: "public" });
    expect(listed.items[0]).not.toHaveProperty("notes");
  });

  it("refuses anonymous callers and a secretariat without a second factor", async () => {
    const deps = communityDeps(t);
    await expect(listOrganisations(deps, anonymousActor, {})).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listPeople(deps, anonymousActor, {})).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(createOrganisation(deps, secretariatWithoutTwoFactor, police)).rejects.toMatchObject({
      code: "two-factor-required",
    });
  });

  it("finds people by reading and qualification", async () => {
    const deps = communityDeps(t);
    const org = await createOrganisation(deps, secretariat, {
      name: "長崎総合科学大学",
      reading: "ながさきそうごうかがくだいがく",
      sector: "academia",
    });
    const person = await createPerson(deps, secretariat, {
      organisationId: org.id,
      familyName: "山田",
      givenName: "一郎",
      familyReading: "やまだ",
      givenReading: "いちろう",
      qualifications: [{ kind: "cissp" }],
    });
    expect((await listPeople(deps, secretariat, { q: "ﾔﾏﾀﾞ" })).items.map((p) => p.id)).toContain(person.id);
    expect((await listPeople(deps, secretariat, { qualification: "cissp" })).items.map((p) => p.id)).toEqual([
      person.id,
    ]);
    expect((await listPeople(deps, secretariat, { qualification: "riss", organisationId: org.id })).total).toBe(0);
    await expect(createPerson(deps, secretariat, { familyName: "x", phone: "abc" })).rejects.toMatchObject({
      fields: [expect.objectContaining({ field: "phone", code: "community-phone" })],
    });
  });

  it("merges a duplicate into the record kept, moving its people and memberships", async () => {
    const deps = communityDeps(t);
    const keep = await createOrganisation(deps, secretariat, {
      name: "長崎県情報産業協会",
      reading: "ながさきけんじょうほうさんぎょうきょうかい",
      sector: "industry",
    });
    const duplicate = await createOrganisation(deps, secretariat, {
      name: "NISA",
      sector: "industry",
      website: "https://www.nisa.or.jp/",
    });
    const person = await createPerson(deps, secretariat, { organisationId: duplicate.id, familyName: "鈴木" });
    const merged = await mergeOrganisations(deps, secretariat, { duplicateId: duplicate.id, keepId: keep.id });
    expect(merged.website).toBe("https://www.nisa.or.jp/");
    expect((await getPerson(deps, secretariat, person.id)).organisationId).toBe(keep.id);
    const list = await listOrganisations(deps, secretariat, { q: "nisa" });
    expect(list.items.map((o) => o.id)).toEqual([keep.id]);
    await expect(
      mergeOrganisations(deps, secretariat, { duplicateId: keep.id, keepId: keep.id }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await expect(
      mergeOrganisations(deps, memberOf(keep.id), { duplicateId: duplicate.id, keepId: keep.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("moves the other capabilities' references too: registrations, speakers, survey invitations, AMBER audiences", async () => {
    const deps = communityDeps(t);
    const keep = await createOrganisation(deps, secretariat, { name: "長崎大学", sector: "academia" });
    const duplicate = await createOrganisation(deps, secretariat, { name: "国立大学法人長崎大学", sector: "academia" });
    const other = await createOrganisation(deps, secretariat, { name: "長崎県警察", sector: "government" });
    const now = deps.clock.now().toISOString();
    const event = await createEvent(
      { db: t.db, clock: deps.clock, baseUrl: "http://localhost", secret: "test-secret-test-secret-test-secret" },
      secretariat,
      {
        title: "合併テスト",
        startsAt: "2099-01-27T15:00:00+09:00",
        endsAt: "2099-01-27T17:00:00+09:00",
        seatTypes: [{ key: "venue", label: "会場", capacity: 10, waitlist: true }],
        sessions: [{ title: "講演", speakers: [{ name: "講師", organisationId: duplicate.id }] }],
      },
    );
    await t.db
      .insertInto("registrations")
      .values({
        id: "01ey0000000000000000merge1",
        event_id: event.id,
        seat_type_key: "venue",
        status: "confirmed",
        name: "参加者",
        email: "p@example.jp",
        organisation_id: duplicate.id,
        organisation_name: null,
        sector: null,
        person_id: null,
        user_id: null,
        answers_json: "{}",
        arrival_sequence: 1,
        ticket_code: "merge-test-ticket",
        token_hash: "merge-test-hash",
        attended_online: 0,
        online_minutes: null,
        walk_in: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const post = await createPost(deps, secretariat, {
      title: "限定共有",
      body: "b",
      kind: "advisory",
      tlp: "AMBER",
      audience: { organisations: [duplicate.id, keep.id, other.id], people: [] },
    });

    await mergeOrganisations(deps, secretariat, { duplicateId: duplicate.id, keepId: keep.id });

    expect(
      (
        await t.db
          .selectFrom("registrations")
          .select("organisation_id")
          .where("event_id", "=", event.id)
          .executeTakeFirstOrThrow()
      ).organisation_id,
    ).toBe(keep.id);
    expect(
      (
        await t.db
          .selectFrom("event_speakers")
          .select("organisation_id")
          .where("name", "=", "講師")
          .executeTakeFirstOrThrow()
      ).organisation_id,
    ).toBe(keep.id);
    const audience = await t.db
      .selectFrom("posts")
      .select("audience_organisation_ids")
      .where("id", "=", post.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audience.audience_organisation_ids)).toEqual([keep.id, other.id]);
  });

  it("deletes an organisation, keeping its people without one", async () => {
    const deps = communityDeps(t);
    const org = await createOrganisation(deps, secretariat, { name: "削除テスト", sector: "other" });
    const person = await createPerson(deps, secretariat, { organisationId: org.id, familyName: "残留" });
    await deleteOrganisation(deps, secretariat, org.id);
    await expect(getOrganisation(deps, secretariat, org.id)).rejects.toMatchObject({ code: "not-found" });
    expect((await getPerson(deps, secretariat, person.id)).organisationId).toBeNull();
    await deletePerson(deps, secretariat, person.id);
    await expect(getPerson(deps, secretariat, person.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

/**
 * A small community for sharing and mailing tests: the secretariat, two member organisations, an
 * outsider, a named person, a group lead, a speaker and a non-member who attended the seminar.
 * Inserted straight into the tables the registry and events own (their contract's names), so these
 * tests do not depend on those capabilities' use cases.
 */
import type { Kysely } from "kysely";
import { PDFDocument } from "pdf-lib";
import { authBool, authDate, type DialectName } from "../../db/dialect.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor, RoleGrant } from "../accounts/actor.ts";
import type { Clock } from "../shared/clock.ts";
import type { SharingDeps } from "./deps.ts";

export interface SharingWorld {
  orgA: string;
  orgB: string;
  orgX: string;
  eventId: string;
  groupId: string;
  people: Record<"memberA" | "memberB" | "outsider" | "named" | "groupLead" | "attendee" | "optedOut", string>;
  actors: Record<
    | "secretariat"
    | "secretariat2"
    | "memberA"
    | "memberB"
    | "outsider"
    | "named"
    | "groupLead"
    | "speaker"
    | "attendee",
    Extract<Actor, { kind: "user" }>
  >;
}

/** Sharing deps over a test database, with the world seeded: what every sharing test starts from. */
export async function openSharingWorld(
  services: { database: { db: Kysely<DB>; dialect: DialectName }; dataDir: string },
  clock: Clock,
): Promise<{ deps: SharingDeps; world: SharingWorld }> {
  const deps: SharingDeps = {
    db: services.database.db,
    clock,
    dataDir: services.dataDir,
    baseUrl: "http://chiiki.test",
    secret: "s".repeat(32),
  };
  return { deps, world: await seedSharingWorld(deps.db, services.database.dialect, clock) };
}

export async function seedSharingWorld(db: Kysely<DB>, dialect: DialectName, clock: Clock): Promise<SharingWorld> {
  const now = clock.now().toISOString();
  const org = async (name: string, sector: string, membership: string) => {
    const id = newId();
    await db
      .insertInto("organisations")
      .values({
        id,
        name,
        reading: "",
        sector,
        prefecture: "42",
        industry: null,
        size_band: null,
        membership,
        membership_type: null,
        member_since: null,
        website: null,
        address: null,
        notes: null,
        search_text: name,
        merged_into_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const orgA = await org("長崎県情報産業協会", "industry", "member");
  const orgB = await org("トレンドマイクロ株式会社", "industry", "partner");
  const orgX = await org("どこかの商事株式会社", "industry", "none");

  const user = async (name: string, email: string, grants: RoleGrant[]) => {
    const userId = newId();
    await db
      .insertInto("user")
      .values({
        id: userId,
        name,
        email,
        emailVerified: authBool(dialect, true),
        image: null,
        createdAt: authDate(dialect, clock.now()),
        updatedAt: authDate(dialect, clock.now()),
        twoFactorEnabled: authBool(dialect, true),
        locale: null,
      })
      .execute();
    for (const g of grants) {
      await db
        .insertInto("role_grants")
        .values({
          id: newId(),
          user_id: userId,
          role: g.role,
          scope_type: g.scopeType,
          scope_id: g.scopeId,
          created_at: now,
          created_by: null,
        })
        .execute();
    }
    const actor: Extract<Actor, { kind: "user" }> = {
      kind: "user",
      userId,
      email,
      name,
      grants,
      twoFactorEnabled: true,
      sessionId: newId(),
    };
    return actor;
  };
  const person = async (
    family: string,
    given: string,
    email: string,
    organisationId: string | null,
    userId: string | null,
    optIn = 1,
  ) => {
    const id = newId();
    await db
      .insertInto("people")
      .values({
        id,
        organisation_id: organisationId,
        family_name: family,
        given_name: given,
        family_reading: "",
        given_reading: "",
        department: null,
        title: null,
        email,
        phone: null,
        mail_opt_in: optIn,
        user_id: userId,
        notes: null,
        search_text: `${family}${given}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  const eventId = newId();
  await db
    .insertInto("events")
    .values({
      id: eventId,
      title: "地域情報セキュリティセミナー",
      theme: null,
      description: null,
      audience: "public",
      starts_at: "2021-01-27T06:00:00.000Z",
      ends_at: "2021-01-27T08:00:00.000Z",
      reception_at: null,
      venue_name: null,
      venue_room: null,
      venue_address: null,
      venue_phone: null,
      online_tool: null,
      online_join_url: null,
      fee_text: null,
      organiser: null,
      co_organisers: null,
      registration_opens_at: "2021-01-01T00:00:00.000Z",
      registration_closes_at: "2021-01-27T06:00:00.000Z",
      status: "published",
      consent_text: null,
      questions_json: "[]",
      registration_sequence: 0,
      feedback_survey_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const groupId = newId();
  await db
    .insertInto("groups")
    .values({
      id: groupId,
      kind: "working-group",
      name: "情報セキュリティ部会",
      reading: "",
      host_organisation_id: orgA,
      description: null,
      founded_on: null,
      search_text: "情報セキュリティ部会",
      created_at: now,
      updated_at: now,
    })
    .execute();

  const secretariat = await user("事務局 一郎", "office@nisa.example", [
    { role: "secretariat", scopeType: "global", scopeId: null },
  ]);
  const secretariat2 = await user("事務局 二郎", "office2@nisa.example", [
    { role: "secretariat", scopeType: "global", scopeId: null },
  ]);
  const memberA = await user("長崎 太郎", "taro@nisa-member.example", [
    { role: "member", scopeType: "organisation", scopeId: orgA },
  ]);
  const memberB = await user("佐藤 花子", "hanako@trend.example", [
    { role: "member", scopeType: "organisation", scopeId: orgB },
  ]);
  const outsider = await user("外部 次郎", "jiro@other.example", [
    { role: "member", scopeType: "organisation", scopeId: orgX },
  ]);
  const named = await user("赤井 三郎", "red@nisa-member.example", [
    { role: "member", scopeType: "organisation", scopeId: orgA },
  ]);
  const groupLead = await user("須田 部会長", "lead@itspace.example", [
    { role: "group-lead", scopeType: "group", scopeId: groupId },
  ]);
  const speaker = await user("講師 警部", "speaker@police.example", [
    { role: "speaker", scopeType: "event", scopeId: eventId },
  ]);
  const attendee = await user("参加 四郎", "shiro@guest.example", []);

  const people = {
    memberA: await person("長崎", "太郎", memberA.email, orgA, memberA.userId),
    memberB: await person("佐藤", "花子", memberB.email, orgB, memberB.userId),
    outsider: await person("外部", "次郎", outsider.email, orgX, outsider.userId),
    named: await person("赤井", "三郎", named.email, orgA, named.userId),
    groupLead: await person("須田", "部会長", groupLead.email, null, groupLead.userId),
    attendee: await person("参加", "四郎", attendee.email, null, attendee.userId),
    optedOut: await person("不要", "五郎", "goro@nisa-member.example", orgA, null, 0),
  };
  await db
    .insertInto("group_memberships")
    .values({
      id: newId(),
      group_id: groupId,
      organisation_id: null,
      person_id: people.groupLead,
      joined_on: null,
      position: 0,
    })
    .execute();
  await db
    .insertInto("group_memberships")
    .values({ id: newId(), group_id: groupId, organisation_id: orgB, person_id: null, joined_on: null, position: 1 })
    .execute();
  await db
    .insertInto("registrations")
    .values({
      id: newId(),
      event_id: eventId,
      seat_type_key: "online",
      status: "confirmed",
      name: "参加 四郎",
      email: attendee.email,
      organisation_id: null,
      organisation_name: null,
      sector: null,
      person_id: people.attendee,
      user_id: attendee.userId,
      answers_json: "{}",
      arrival_sequence: 1,
      ticket_code: newId(),
      token_hash: newId(),
      checked_in_at: null,
      attended_online: 1,
      online_minutes: null,
      walk_in: 0,
      reminded_at: null,
      created_at: now,
      updated_at: now,
      cancelled_at: null,
    })
    .execute();
  return {
    orgA,
    orgB,
    orgX,
    eventId,
    groupId,
    people,
    actors: { secretariat, secretariat2, memberA, memberB, outsider, named, groupLead, speaker, attendee },
  };
}

/** A one-page PDF, as a speaker's slides or a police flyer would arrive. */
export async function samplePdf(text = "Sample"): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText(text, { x: 50, y: 780 });
  return pdf.save();
}

/** The first box of an MP4 file: enough for file-type to know a video by its content. */
export function sampleMp4(extraBytes = 1000): Uint8Array {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from("ftypisom"),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from("isomiso2"),
  ]);
  return new Uint8Array(Buffer.concat([ftyp, Buffer.alloc(extraBytes, 7)]));
}

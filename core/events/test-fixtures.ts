/** Shared by the seminar tests: actors, deps over a test database, a seminar shaped like the seed's. */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import type { EventsDeps } from "./deps.ts";
import type { EventInput } from "./event-input.ts";

export const secretariat: Actor = {
  kind: "user",
  userId: "u-sec",
  email: "office@nisa.example.jp",
  name: "事務局",
  sessionId: "s1",
  twoFactorEnabled: true,
  grants: [{ role: "secretariat", scopeType: "global", scopeId: null }],
};
export const member: Actor = {
  kind: "user",
  userId: "u-mem",
  email: "m@member.example.jp",
  name: "会員",
  sessionId: "s2",
  twoFactorEnabled: false,
  grants: [{ role: "member", scopeType: "organisation", scopeId: "org-1" }],
};

export function testDeps(
  db: Kysely<DB>,
  now = "2021-01-10T00:00:00.000Z",
): EventsDeps & { clock: ReturnType<typeof fixedClock> } {
  return {
    db,
    clock: fixedClock(now),
    baseUrl: "https://chiiki.example",
    secret: "test-secret-test-secret-test-secret-0123",
  };
}

export function seminarInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    title: "地域情報セキュリティセミナー",
    theme: "最新のサイバー攻撃の実態とセキュリティ対策課題",
    audience: "public",
    startsAt: "2021-01-27T15:00:00+09:00",
    endsAt: "2021-01-27T17:00:00+09:00",
    venueName: "ホテルニュー長崎",
    onlineTool: "Webex",
    onlineJoinUrl: "https://webex.example/j/secret-room",
    seatTypes: [
      { key: "venue", label: "会場", capacity: 30, waitlist: true },
      { key: "online", label: "オンライン", capacity: 50, waitlist: true },
    ],
    sessions: [
      {
        title: "長崎県内のサイバーセキュリティについて",
        startsAt: "2021-01-27T15:00:00+09:00",
        endsAt: "2021-01-27T15:25:00+09:00",
        speakers: [{ name: "長崎県警察本部 サイバー犯罪対策課 課長補佐" }],
      },
    ],
    ...overrides,
  };
}

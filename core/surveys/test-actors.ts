import type { Actor } from "../accounts/actor.ts";

/** Actors for the surveys tests. */
export const secretariat: Actor = {
  kind: "user",
  userId: "u1",
  email: "s@example.jp",
  name: "事務局",
  grants: [{ role: "secretariat", scopeType: "global", scopeId: null }],
  twoFactorEnabled: true,
  sessionId: "s",
};
export const member: Actor = {
  kind: "user",
  userId: "u2",
  email: "m@example.jp",
  name: "会員",
  grants: [{ role: "member", scopeType: "organisation", scopeId: "o1" }],
  twoFactorEnabled: false,
  sessionId: "s2",
};

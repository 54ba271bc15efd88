/** Actors and deps for the registry's integration tests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor } from "../accounts/actor.ts";
import { fixedClock } from "../shared/clock.ts";
import type { TestDatabase } from "../../tests/support/databases.ts";
import type { CommunityDeps } from "./deps.ts";

export const secretariat: Actor = {
  kind: "user",
  userId: "u-secretariat",
  email: "office@example.jp",
  name: "事務局",
  twoFactorEnabled: true,
  sessionId: "s1",
  grants: [{ role: "secretariat", scopeType: "global", scopeId: null }],
};

export const secretariatWithoutTwoFactor: Actor = { ...secretariat, twoFactorEnabled: false } as Actor;

export function memberOf(organisationId: string): Actor {
  return {
    kind: "user",
    userId: `u-member-${organisationId}`,
    email: "contact@example.jp",
    name: "会員担当者",
    twoFactorEnabled: false,
    sessionId: "s2",
    grants: [{ role: "member", scopeType: "organisation", scopeId: organisationId }],
  };
}

export const anonymousActor: Actor = { kind: "anonymous" };

/** Deps over the suite's database; call inside a test (the database opens in beforeAll). */
export function communityDeps(t: TestDatabase): CommunityDeps {
  return {
    db: t.db,
    dialect: t.dialect,
    clock: fixedClock("2021-02-09T01:00:00.000Z"),
    dataDir: mkdtempSync(path.join(tmpdir(), "chiiki-community-")),
  };
}

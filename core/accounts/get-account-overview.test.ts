import { describe, expect, it, beforeAll } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { acceptInvitation } from "./accept-invitation.ts";
import { type Actor, anonymous } from "./actor.ts";
import { installFirstSecretariat } from "./create-secretariat-account.ts";
import { getAccountOverview } from "./get-account-overview.ts";
import { insertUser } from "./insert-user.ts";
import { inviteUser } from "./invite-user.ts";
import { seedInvitationScopes } from "../../tests/support/scopes.ts";

const userActor = (userId: string, grants: Extract<Actor, { kind: "user" }>["grants"]): Actor => ({
  kind: "user",
  userId,
  email: "",
  name: "",
  grants,
  twoFactorEnabled: false,
  sessionId: "s",
});

describe.each(testDatabases)("account overview on %s", (kind) => {
  const s = useTestServices(kind);
  beforeAll(() => seedInvitationScopes(s.database.db));

  it("tells a password account from an invited one, with its roles and language", async () => {
    const { userId: adminId } = await installFirstSecretariat(s.accounts, {
      name: "長崎 花子",
      email: "admin@example.jp",
      password: "correct horse battery",
      community: "長崎地域SECURITY",
      locale: "en",
    });
    const admin = await getAccountOverview(
      s.accounts,
      userActor(adminId, [{ role: "secretariat", scopeType: "global", scopeId: null }]),
    );
    expect(admin).toEqual({
      name: "長崎 花子",
      email: "admin@example.jp",
      grants: [{ role: "secretariat", scopeType: "global", scopeId: null, scopeName: null }],
      twoFactorEnabled: false,
      hasPassword: true,
      locale: "en",
      person: null,
    });

    const { token } = await inviteUser(
      s.accounts,
      { kind: "system", name: "test" },
      { email: "member@example.jp", name: "佐世保 太郎", role: "member", scopeId: "org-1" },
    );
    const { userId } = await acceptInvitation(s.accounts, anonymous, token, {
      newPassword: "a new long password",
      passwordConfirm: "a new long password",
    });
    const member = await getAccountOverview(
      s.accounts,
      userActor(userId, [{ role: "member", scopeType: "organisation", scopeId: "org-1" }]),
    );
    expect(member).toMatchObject({ name: "佐世保 太郎", email: "member@example.jp", hasPassword: true, locale: null });
    // The account page names the organisation, not its id.
    expect(member.grants).toEqual([
      { role: "member", scopeType: "organisation", scopeId: "org-1", scopeName: "佐世保工業会" },
    ]);

    // Invitations accepted before a password was asked for left accounts without one.
    const linkOnly = await insertUser(s.database.db, s.database.dialect, s.clock, {
      name: "諫早 次郎",
      email: "link@example.jp",
      emailVerified: true,
    });
    expect(await getAccountOverview(s.accounts, userActor(linkOnly, []))).toMatchObject({ hasPassword: false });
  });

  it("is only for a signed-in person", async () => {
    await expect(getAccountOverview(s.accounts, anonymous)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(
      getAccountOverview(s.accounts, { kind: "token", tokenId: "t", name: "automation", grants: [] }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

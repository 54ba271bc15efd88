/**
 * The programme part of `npx chiiki demo` (issue 18): the neighbouring community beside the one
 * the demo year was loaded into, a programme of the bureau over both, and its office's account
 * (no password: it signs in with a link mailed to it; it holds no role in any community).
 */
import type { Kysely } from "kysely";
import type { Community } from "../../db/communities.ts";
import type { DB } from "../../db/schema.ts";
import type { AccountsDeps } from "../accounts/deps.ts";
import { createCommunity } from "../communities/create-community.ts";
import type { DemoContext } from "../demo/demo-step.ts";
import { addProgrammeStaff } from "./add-programme-staff.ts";
import { createProgramme } from "./create-programme.ts";
import { loadNeighbourCommunity, NEIGHBOUR } from "./neighbour-demo.ts";

export const DEMO_PROGRAMME = {
  slug: "kyushu",
  name: "九州経済産業局 地域SECURITY",
  nameEn: "Kyushu Bureau regional SECURITY",
};
export const DEMO_PROGRAMME_OFFICE = { email: "kyushu-office@demo.example.jp", name: "九州経済産業局 担当者（デモ）" };

export async function loadProgrammeDemo(input: {
  root: Kysely<DB>;
  /** the community the demo year was loaded into */
  home: Community;
  context: DemoContext;
  accounts: AccountsDeps;
  /** the demo's context for another community (its database scoped to it) */
  contextFor(community: Community): DemoContext;
}): Promise<void> {
  const { root, home, context, accounts } = input;
  const existing = await root
    .selectFrom("communities")
    .selectAll()
    .where("slug", "=", NEIGHBOUR.slug)
    .executeTakeFirst();
  const neighbour =
    existing ??
    (await createCommunity({ root, clock: context.clock }, context.actor, {
      slug: NEIGHBOUR.slug,
      name: NEIGHBOUR.name,
      nameEn: NEIGHBOUR.nameEn,
    }));
  const secret = accounts.auth.options.secret;
  if (!secret) throw new Error("the demo needs the server secret");
  await loadNeighbourCommunity(input.contextFor(neighbour), secret, accounts.baseUrl);
  const deps = { root, dialect: context.dialect, clock: context.clock, accounts };
  await createProgramme(deps, context.actor, { ...DEMO_PROGRAMME, communities: [home.slug, neighbour.slug] });
  const staff = await addProgrammeStaff(deps, context.actor, {
    programme: DEMO_PROGRAMME.slug,
    email: DEMO_PROGRAMME_OFFICE.email,
    name: DEMO_PROGRAMME_OFFICE.name,
  }).catch(async (error) => {
    // No account yet and no password to give it: a passwordless one, signed in by a mailed link.
    if (error?.code !== "validation-failed") throw error;
    const { insertUser } = await import("../accounts/insert-user.ts");
    await insertUser(root, context.dialect, context.clock, { ...DEMO_PROGRAMME_OFFICE, emailVerified: true });
    return addProgrammeStaff(deps, context.actor, {
      programme: DEMO_PROGRAMME.slug,
      email: DEMO_PROGRAMME_OFFICE.email,
    });
  });
  context.log(
    `programme: ${DEMO_PROGRAMME.slug} (${home.slug}, ${neighbour.slug}); office ${DEMO_PROGRAMME_OFFICE.email}` +
      (staff.added ? " added" : " already there"),
  );
}

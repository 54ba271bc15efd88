/**
 * A group's members and officers, as createGroup and updateGroup write them: the rows come from
 * `groupChildRows`, the lists are replaced whole (`replaceChildren`).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { groupChildRows } from "./group-input.ts";

type GroupChildren = ReturnType<typeof groupChildRows>;

/**
 * Every organisation (host, members, officers) and person the input names exists. Checked before
 * the group row is written, so an unknown host is a field error rather than a foreign-key failure.
 */
export async function requireGroupReferences(db: Kysely<DB>, children: GroupChildren): Promise<void> {
  await requireExisting(db, "organisations", children.referenced.organisations, "members");
  await requireExisting(db, "people", children.referenced.people, "members");
}

/** Replaces the group's members and officers with the lists the input gives (an absent list stays). */
export async function replaceGroupChildren(
  db: Kysely<DB>,
  now: Date,
  groupId: string,
  children: GroupChildren,
): Promise<void> {
  await replaceChildren(db, now, "group_memberships", groupId, children.members);
  await replaceChildren(db, now, "group_officers", groupId, children.officers);
}

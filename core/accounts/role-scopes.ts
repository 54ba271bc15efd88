import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { type Role, roles, roleScope, type ScopeType } from "./actor.ts";

/** What a role's scope is called: an organisation's or group's name, an event's title. */
export interface ScopeOption {
  id: string;
  name: string;
}

export type ScopedType = Exclude<ScopeType, "global">;

/** Organisations (not merged away), groups and events whose name contains `q`, by name; at most `limit` of each. */
export async function listScopeOptions(
  db: Kysely<DB>,
  query: { q?: string; limit?: number } = {},
): Promise<Record<ScopedType, ScopeOption[]>> {
  const q = query.q?.trim().normalize("NFKC").toLowerCase() ?? "";
  const limit = query.limit ?? 200;
  const like = `%${q.replace(/[\\%_]/g, "")}%`;
  const [organisation, group, event] = await Promise.all([
    db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("merged_into_id", "is", null)
      .$if(q !== "", (s) => s.where((eb) => eb(eb.fn("lower", ["name"]), "like", like)))
      .orderBy("name")
      .limit(limit)
      .execute(),
    db
      .selectFrom("groups")
      .select(["id", "name"])
      .$if(q !== "", (s) => s.where((eb) => eb(eb.fn("lower", ["name"]), "like", like)))
      .orderBy("name")
      .limit(limit)
      .execute(),
    db
      .selectFrom("events")
      .select(["id", "title as name"])
      .$if(q !== "", (s) => s.where((eb) => eb(eb.fn("lower", ["title"]), "like", like)))
      .orderBy("starts_at", "desc")
      .limit(limit)
      .execute(),
  ]);
  return { organisation, group, event };
}

/** The names of the scopes of these grants (key `type:id`); a scope that no longer exists has none. */
export async function scopeNames(
  db: Kysely<DB>,
  scopes: { scopeType: string; scopeId: string | null }[],
): Promise<Map<string, string>> {
  const ids = (type: ScopedType) => [
    ...new Set(scopes.filter((s) => s.scopeType === type && s.scopeId).map((s) => s.scopeId!)),
  ];
  const [organisations, groups, events] = await Promise.all([
    ids("organisation").length
      ? db.selectFrom("organisations").select(["id", "name"]).where("id", "in", ids("organisation")).execute()
      : [],
    ids("group").length ? db.selectFrom("groups").select(["id", "name"]).where("id", "in", ids("group")).execute() : [],
    ids("event").length
      ? db.selectFrom("events").select(["id", "title as name"]).where("id", "in", ids("event")).execute()
      : [],
  ]);
  return new Map([
    ...organisations.map((r) => [`organisation:${r.id}`, r.name] as const),
    ...groups.map((r) => [`group:${r.id}`, r.name] as const),
    ...events.map((r) => [`event:${r.id}`, r.name] as const),
  ]);
}

/**
 * A role's scope must name an existing organisation, group or event of the role's kind: an
 * unknown id is refused on `scopeId` (nothing is written) instead of granting a role over nothing.
 */
export async function requireScope(db: Kysely<DB>, role: Role, scopeId: string | null): Promise<void> {
  const type = roleScope[role];
  if (type === "global" || !scopeId) return;
  const names = await scopeNames(db, [{ scopeType: type, scopeId }]);
  if (!names.has(`${type}:${scopeId}`)) {
    throw new AppError("validation-failed", { fields: [{ field: "scopeId", code: `scope-not-found-${type}` }] });
  }
}

/** A grant's role and scope as a form or API client names them (an invitation, a token); blank scope = none. */
export const grantFields = {
  role: z.enum(roles),
  scopeId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
};

/** A scoped role needs its scope: refuses `scopeId` missing unless the role is global. */
export const scopeGivenUnlessGlobal: [
  (v: { role: Role; scopeId: string | null }) => boolean,
  { path: string[]; message: string },
] = [(v) => roleScope[v.role] === "global" || Boolean(v.scopeId), { path: ["scopeId"], message: "field.required" }];

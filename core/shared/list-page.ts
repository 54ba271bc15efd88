/**
 * What every paged list does the same way: read its query (blank fields dropped, so they take
 * their defaults), count what the filters let through, and cut one page of it.
 */
import type { AliasedSelectQueryBuilder, SelectQueryBuilder } from "kysely";
import type { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { parseInput } from "./validation.ts";

/** A list's query as a form or an API client sends it: "" means not given, so the default applies. */
export function parseListQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseInput(schema, Object.fromEntries(Object.entries(input as object).filter(([, v]) => v !== "")));
}

/**
 * One page of `base` (already filtered) with the total it holds: `select` names the columns and
 * the order, `toItems` turns the page's rows into the list's items.
 */
export async function pageOf<TB extends keyof DB, O, Row, Item>(
  base: SelectQueryBuilder<DB, TB, O>,
  query: { limit: number; offset: number },
  select: (base: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, Row>,
  toItems: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<{ items: Item[]; total: number }> {
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await select(base).limit(query.limit).offset(query.offset).execute();
  return { items: await toItems(rows), total: Number(total) };
}

/**
 * A list row's count of its children (talks, parties, members, open decisions) as a column named
 * `alias`: `rows` is the correlated subquery that finds them, e.g.
 * `eb.selectFrom("activity_talks").whereRef("activity_talks.activity_id", "=", "activities.id")`.
 * PostgreSQL answers a count as text, so the row's value wants `Number()`.
 */
export function childCount<TB extends keyof DB, A extends string>(
  rows: SelectQueryBuilder<DB, TB, object>,
  alias: A,
): AliasedSelectQueryBuilder<{ n: number }, A> {
  return rows.select((eb) => eb.fn.countAll<number>().as("n")).as(alias);
}

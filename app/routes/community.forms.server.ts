/**
 * Form plumbing shared by the registry's pages: repeated rows are named `parties.0.organisationId`
 * and become arrays of objects; rows left entirely blank (the spare rows every form offers) are
 * dropped; checkboxes become booleans.
 */
import { communityDepsFrom, type CommunityDeps } from "#core/community/deps.ts";
import type { RequestState } from "../context.ts";

export function depsOf(state: RequestState): CommunityDeps {
  return communityDepsFrom(state.services);
}

/** A row whose only values are these (a select's default, a hidden id) counts as blank. */
const IGNORED_WHEN_BLANK = new Set(["id", "status", "kind"]);

export function nestedFormInput(form: FormData, checkboxes: string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const lists: Record<string, Record<number, Record<string, string>>> = {};
  for (const [key, value] of form) {
    if (typeof value !== "string" || key === "intent") continue;
    const row = /^(\w+)\.(\d+)\.(\w+)$/.exec(key);
    if (row) {
      const [, list, index, field] = row;
      ((lists[list!] ??= {})[Number(index)] ??= {})[field!] = value;
    } else if (!checkboxes.includes(key)) {
      result[key] = value;
    }
  }
  for (const name of checkboxes) result[name] = form.get(name) === "on";
  for (const [list, rows] of Object.entries(lists)) {
    result[list] = Object.keys(rows)
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => rows[i]!)
      .filter((row) => Object.entries(row).some(([field, v]) => !IGNORED_WHEN_BLANK.has(field) && v.trim() !== ""));
  }
  return result;
}

/** Lists are replaced as a whole, so a form with a list section always sends the list (maybe empty). */
export function withLists(input: Record<string, unknown>, lists: string[]): Record<string, unknown> {
  for (const list of lists) input[list] ??= [];
  return input;
}

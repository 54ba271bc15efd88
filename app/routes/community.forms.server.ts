/**
 * Form plumbing shared by the registry's pages: repeated rows are named `parties.0.organisationId`
 * and become arrays of objects; rows left entirely blank (the spare rows every form offers) are
 * dropped; checkboxes become booleans.
 */
import { redirect, type RouterContextProvider } from "react-router";
import type { Actor } from "#core/accounts/actor.ts";
import { isRegistryAdmin, ledGroupIds } from "#core/community/access.ts";
import { communityDepsFrom, type CommunityDeps } from "#core/community/deps.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { stateOf, type RequestState } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";

export function depsOf(state: RequestState): CommunityDeps {
  return communityDepsFrom(state.services);
}

/** What the registry's tabs offer the actor: everything (the secretariat), or also meetings (a group lead). */
export function registryNav(actor: Actor): { secretariat: boolean; meetings: boolean } {
  const secretariat = isRegistryAdmin(actor);
  return { secretariat, meetings: secretariat || ledGroupIds(actor).length > 0 };
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
    result[list] = Object.keys(rows).map(Number).sort((a, b) => a - b).map((i) => rows[i]!)
      .filter((row) => Object.entries(row).some(([field, v]) => !IGNORED_WHEN_BLANK.has(field) && v.trim() !== ""));
  }
  return result;
}

/** Lists are replaced as a whole, so a form with a list section always sends the list (maybe empty). */
export function withLists(input: Record<string, unknown>, lists: string[]): Record<string, unknown> {
  for (const list of lists) input[list] ??= [];
  return input;
}

type RouteArgs = { context: Readonly<RouterContextProvider>; request: Request };
/** Who may open a page at all: the secretariat's pages redirect; others leave the decision to core. */
type PageGuard = (state: RequestState, request: Request) => Actor;

/** The loader of every "new record" page: the secretariat only, with the form's option lists. */
export async function loadNewRecordForm({ context, request }: RouteArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return { options: await listFormOptions(depsOf(state), actor) };
}

/**
 * The action of every "new record" page: parse the form's repeated rows into `lists`, create the
 * record through core, and show it; a failure returns the form's field errors.
 */
export async function createFromForm(
  { context, request }: RouteArgs,
  lists: string[],
  create: (deps: CommunityDeps, actor: Actor, input: Record<string, unknown>) => Promise<{ id: string }>,
  recordPath: string,
  guard: PageGuard = requireSecretariatPage,
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await create(depsOf(state), actor, withLists(nestedFormInput(form), lists));
    throw redirect(`${recordPath}/${created.id}?saved=1`);
  });
}

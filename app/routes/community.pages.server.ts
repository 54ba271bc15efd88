/**
 * The loaders and actions the registry's pages share, so each page says only what is its own:
 * which core use case it calls, which rows its form repeats, where it goes afterwards. Who may
 * use a page is decided in core; a page's guard only sends the signed-out to sign in (and, for
 * the secretariat's pages, others away before any work).
 */
import { data, redirect, type RouterContextProvider } from "react-router";
import type { Actor } from "#core/accounts/actor.ts";
import { isRegistryAdmin, ledGroupIds, meetingGroupScope } from "#core/community/access.ts";
import type { CommunityDeps } from "#core/community/deps.ts";
import type { Page } from "#core/community/fields.ts";
import { listGroups } from "#core/community/list-groups.ts";
import { AppError } from "#core/shared/errors.ts";
import { REGISTRY_PAGE_SIZE } from "../components/community/ui.tsx";
import { stateOf, type RequestState } from "../context.ts";
import { orRespond, requireSecretariatPage, requireUserPage, runForm } from "../lib/http.server.ts";
import { runListQuery } from "../lib/list-page.server.ts";
import { type FormShape, formInput } from "../lib/form.server.ts";
import { depsOf } from "./community.forms.server.ts";

type Args = { context: Readonly<RouterContextProvider>; request: Request; url: URL };
type RecordArgs = Args & { params: { id?: string } };
/** Who may open a page at all: the secretariat's pages redirect; others leave the decision to core. */
type PageGuard = (state: RequestState, request: Request) => Actor;
type UseCase<I, R> = (deps: CommunityDeps, actor: Actor, input: I) => Promise<R>;
type GetRecord<R> = (deps: CommunityDeps, actor: Actor, id: string) => Promise<R>;
type UpdateRecord = (deps: CommunityDeps, actor: Actor, id: string, input: Record<string, unknown>) => Promise<unknown>;
type Options<O> = (deps: CommunityDeps, actor: Actor) => Promise<O>;
/** What the registry's tabs offer the actor: everything (the secretariat), or also meetings (a group lead). */
export function registryNav(actor: Actor): { secretariat: boolean; meetings: boolean } {
  const secretariat = isRegistryAdmin(actor);
  return { secretariat, meetings: secretariat || ledGroupIds(actor).length > 0 };
}

/**
 * The loader of every list page: one page of the core list filtered by the query string (bad
 * filters come back as field errors with their 4xx, refusals as the page's status), the tabs,
 * and what `more` adds (a filter's choices).
 */
export async function loadListPage<T, M extends object = object>(
  { context, request, url }: Args,
  list: UseCase<Record<string, unknown>, Page<T>>,
  {
    guard = requireUserPage,
    more,
  }: { guard?: PageGuard; more?: (deps: CommunityDeps, actor: Actor) => Promise<M> } = {},
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  const deps = depsOf(state);
  const { result, failure, status } = await orRespond(state, request, () =>
    runListQuery(state, url, (query) => list(deps, actor, { ...query, limit: REGISTRY_PAGE_SIZE })),
  );
  const params = Object.fromEntries(url.searchParams);
  const extra = more ? await more(deps, actor) : ({} as M);
  return data(
    {
      list: result ?? { items: [], total: 0 },
      failure,
      params,
      offset: Number(params.offset) || 0,
      limit: REGISTRY_PAGE_SIZE,
      ...registryNav(actor),
      ...extra,
    },
    { status },
  );
}

/** For a list's group filter (`more`): the groups this caller may read. */
export async function groupChoices(deps: CommunityDeps, actor: Actor) {
  return { groups: (await listGroups(deps, actor, { limit: 200 })).items.map((g) => ({ value: g.id, label: g.name })) };
}

/** For the meetings list's group filter: the groups whose meetings this caller may read (a lead's own). */
export async function meetingGroupChoices(deps: CommunityDeps, actor: Actor) {
  const scope = meetingGroupScope(actor);
  const { groups } = await groupChoices(deps, actor);
  return { groups: scope === null ? groups : groups.filter((g) => scope.includes(g.value)) };
}

/**
 * The loader of a record's page: the record through core (not found or refused becomes the
 * page's status), the tabs, `saved` as the edit that led here left it (`1`, `merged`), and what
 * `more` adds from the record.
 */
export async function loadRecordPage<R, M extends object = object>(
  { context, request, params, url }: RecordArgs,
  get: GetRecord<R>,
  {
    guard = requireUserPage,
    more,
  }: {
    guard?: PageGuard;
    /** `state` for a use case on other deps than the registry's (the 法人番号 links, ADR 039). */
    more?: (deps: CommunityDeps, actor: Actor, record: R, state: RequestState) => Promise<M> | M;
  } = {},
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  const deps = depsOf(state);
  const record = await orRespond(state, request, () => get(deps, actor, params.id!));
  const extra = more ? await more(deps, actor, record, state) : ({} as M);
  return { record, ...registryNav(actor), saved: url.searchParams.get("saved"), ...extra };
}

export interface RecordCall {
  deps: CommunityDeps;
  actor: Actor;
  id: string;
  form: FormData;
  state: RequestState;
}

/** A record page's action: `run` gets the posted form; its AppErrors are shown on the form. */
export async function recordPageAction(
  { context, request, params }: RecordArgs,
  run: (call: RecordCall) => Promise<never>,
  guard: PageGuard = requireUserPage,
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  const form = await request.formData();
  return runForm(state, form, () => run({ deps: depsOf(state), actor, id: params.id!, form, state }));
}

/**
 * Removes the record once the DeleteForm's box is ticked (one stray tap removes nothing), then
 * goes to `to` — a path, or one worked out before the record is gone.
 */
export async function deleteConfirmed(
  { deps, actor, id, form }: RecordCall,
  remove: GetRecord<unknown>,
  to: string | (() => Promise<string>),
): Promise<never> {
  if (form.get("confirm") !== "on")
    throw new AppError("validation-failed", { fields: [{ field: "confirm", code: "required" }] });
  const target = typeof to === "string" ? to : await to();
  await remove(deps, actor, id);
  throw redirect(target);
}

/** The loader of every "new record" page: the form's option lists, as the actor may see them. */
export async function loadNewRecordForm<O>(
  { context, request }: Args,
  options: Options<O>,
  guard: PageGuard = requireSecretariatPage,
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  return { options: await orRespond(state, request, () => options(depsOf(state), actor)), ...registryNav(actor) };
}

/**
 * The action of every "new record" page: parse the form by its `shape`, create the record
 * through core, and show it; a failure returns the form's field errors.
 */
export async function createFromForm(
  { context, request }: Args,
  shape: FormShape,
  create: UseCase<Record<string, unknown>, { id: string }>,
  recordPath: string,
  guard: PageGuard = requireSecretariatPage,
) {
  const state = stateOf(context);
  const actor = guard(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await create(depsOf(state), actor, formInput(form, shape));
    throw redirect(`${recordPath}/${created.id}?saved=1`);
  });
}

/** The loader of an edit page: the record and the form's option lists. */
export async function loadEditForm<R, O>(
  args: RecordArgs,
  get: GetRecord<R>,
  options: Options<O>,
  guard: PageGuard = requireSecretariatPage,
) {
  return loadRecordPage(args, get, {
    guard,
    more: async (deps, actor) => ({
      options: await orRespond(stateOf(args.context), args.request, () => options(deps, actor)),
    }),
  });
}

/** The action of an edit page: parse the form by its `shape`, update through core, show the record. */
export function updateFromForm(
  args: RecordArgs,
  shape: FormShape,
  update: UpdateRecord,
  recordPath: string,
  guard: PageGuard = requireSecretariatPage,
) {
  return recordPageAction(
    args,
    async ({ deps, actor, id, form }) => {
      await update(deps, actor, id, formInput(form, shape));
      throw redirect(`${recordPath}/${id}?saved=1`);
    },
    guard,
  );
}

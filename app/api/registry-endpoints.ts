/**
 * The registry's resources (organisations, people, groups, agreements, meetings, activities) share
 * one shape in the API: a collection (GET a page, POST to add) and a record (GET, PATCH, DELETE),
 * each calling one core use case with the caller. What differs is declared; the endpoints are made
 * here, once.
 */
import { z } from "zod";
import type { Actor } from "#core/accounts/actor.ts";
import { type CommunityDeps, communityDepsFrom } from "#core/community/deps.ts";
import { type Access, created, defineEndpoint, type Endpoint, serve } from "./endpoint.ts";

type Responses = Record<number, { description: string; schema?: z.ZodType }>;
type Output<T extends z.ZodType> = z.output<T>;

export interface CollectionSpec<Q extends z.ZodType, B extends z.ZodType> {
  /** e.g. /api/v1/activities */
  path: string;
  list: {
    summary: string;
    access: Access;
    query: Q;
    /** One item of the page. */
    item: z.ZodType;
    description?: string;
    responses?: Responses;
    run: (deps: CommunityDeps, actor: Actor, query: Output<Q>) => Promise<unknown>;
  };
  create: {
    summary: string;
    access: Access;
    body: B;
    record: z.ZodType;
    description?: string;
    responses?: Responses;
    run: (deps: CommunityDeps, actor: Actor, body: Output<B>) => Promise<{ id: string }>;
  };
}

/** GET a page of the collection (`{ items, total }`) and POST a new record (201 with Location). */
export function collectionEndpoints<Q extends z.ZodType, B extends z.ZodType>(spec: CollectionSpec<Q, B>): Endpoint[] {
  const list = defineEndpoint({
    method: "GET",
    path: spec.path,
    summary: spec.list.summary,
    tags: ["community"],
    access: spec.list.access,
    query: spec.list.query,
    responses: {
      200: {
        description: spec.list.description ?? "A page",
        schema: z.object({ items: z.array(spec.list.item), total: z.number().int() }),
      },
      ...spec.list.responses,
    },
  });
  const create = defineEndpoint({
    method: "POST",
    path: spec.path,
    summary: spec.create.summary,
    tags: ["community"],
    access: spec.create.access,
    body: spec.create.body,
    responses: {
      201: { description: spec.create.description ?? "Created", schema: spec.create.record },
      ...spec.create.responses,
    },
  });
  return [
    serve(list, ({ actor, state, query }) =>
      spec.list.run(communityDepsFrom(state.services), actor, query as Output<Q>),
    ),
    serve(create, async ({ actor, state, body }) => {
      const record = await spec.create.run(communityDepsFrom(state.services), actor, body as Output<B>);
      return created(record, `${spec.path}/${record.id}`);
    }),
  ];
}

export interface RecordSpec<P extends z.ZodType> {
  /** e.g. /api/v1/activities/{id} */
  path: string;
  /** Who may call each method (core still decides for every record). */
  access: { get: Access; patch: Access; delete: Access };
  record: z.ZodType;
  /** "The activity" */
  the: string;
  summaries: { get: string; patch: string; delete: string };
  /** The 404's description ("Not found"). */
  notFound?: string;
  /** The 403's description on GET and PATCH ("Not allowed"); null where reading is never refused. */
  readForbidden?: string | null;
  changeForbidden?: string;
  patch: P;
  get: (deps: CommunityDeps, actor: Actor, id: string) => Promise<unknown>;
  update: (deps: CommunityDeps, actor: Actor, id: string, patch: Output<P>) => Promise<unknown>;
  remove: (deps: CommunityDeps, actor: Actor, id: string) => Promise<unknown>;
}

/** GET, PATCH and DELETE one record by id; DELETE answers `{ id, deleted: true }`. */
export function recordEndpoints<P extends z.ZodType>(spec: RecordSpec<P>): Endpoint[] {
  const notFound = { 404: { description: spec.notFound ?? "Not found" } };
  const readForbidden = spec.readForbidden === undefined ? "Not allowed" : spec.readForbidden;
  const readResponses: Responses = { 200: { description: spec.the, schema: spec.record }, ...notFound };
  if (readForbidden) readResponses[403] = { description: readForbidden };
  const base = { path: spec.path, tags: ["community"] };
  const get = defineEndpoint({
    ...base,
    access: spec.access.get,
    method: "GET",
    summary: spec.summaries.get,
    responses: readResponses,
  });
  const patch = defineEndpoint({
    ...base,
    access: spec.access.patch,
    method: "PATCH",
    summary: spec.summaries.patch,
    body: spec.patch,
    responses: {
      200: { description: spec.the, schema: spec.record },
      403: { description: spec.changeForbidden ?? "Not allowed" },
      ...notFound,
    },
  });
  const remove = defineEndpoint({
    ...base,
    access: spec.access.delete,
    method: "DELETE",
    summary: spec.summaries.delete,
    responses: {
      200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
      ...notFound,
    },
  });
  return [
    serve(get, ({ actor, state, params }) => spec.get(communityDepsFrom(state.services), actor, params.id!)),
    serve(remove, async ({ actor, state, params }) => {
      await spec.remove(communityDepsFrom(state.services), actor, params.id!);
      return { id: params.id!, deleted: true as const };
    }),
    serve(patch, ({ actor, state, params, body }) =>
      spec.update(communityDepsFrom(state.services), actor, params.id!, body as Output<P>),
    ),
  ];
}

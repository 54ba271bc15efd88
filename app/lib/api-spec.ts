/**
 * An API endpoint's declaration. Declaring it registers it for the OpenAPI document
 * (`api.openapi[.json].ts`), so a route module exports nothing but its loader and action: React
 * Router then leaves the declarations, and the core modules their schemas come from, out of the
 * browser's bundle (an exported declaration kept them there, in public assets).
 */
import type { z } from "zod";

export type Access = "public" | "signed-in" | "secretariat";

export interface EndpointSpec<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** OpenAPI form: /api/v1/events/{id} */
  path: string;
  summary: string;
  tags?: string[];
  access: Access;
  body?: B;
  query?: Q;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const declared: EndpointSpec<any, any>[] = [];

export function defineEndpoint<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<B, Q>): EndpointSpec<B, Q> {
  declared.push(spec);
  return spec;
}

/** Every endpoint declared by the modules evaluated so far. */
export function declaredEndpoints(): readonly EndpointSpec<any, any>[] {
  return declared;
}

/**
 * An API endpoint's declaration. Kept apart from api.server.ts because route modules export it
 * (`export const openapi = [...]`) and React Router only strips server code from loaders/actions.
 */
import type { z } from "zod";

export type Access = "public" | "signed-in" | "secretariat";

export interface EndpointSpec<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined> {
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

export function defineEndpoint<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: EndpointSpec<B, Q>,
): EndpointSpec<B, Q> {
  return spec;
}


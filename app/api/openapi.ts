/**
 * /api/openapi.json: the API's table (app/api/index.ts) described, so the document lists exactly
 * the endpoints the server routes.
 */
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import type { EndpointSpec } from "./endpoint.ts";

const problem = {
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
      },
    },
  },
  required: ["title", "status", "code"],
} as const;

export function buildOpenApiDocument(declared: readonly EndpointSpec<any, any>[]) {
  const paths: ZodOpenApiPathsObject = {};
  const endpoints = declared.toSorted((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const spec of endpoints) {
    const responses: Record<string, any> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { "application/json": { schema: r.schema } } }
        : { description: r.description, content: { "application/problem+json": { schema: problem } } };
    }
    if (spec.body)
      responses["422"] ??= {
        description: "Invalid input",
        content: { "application/problem+json": { schema: problem } },
      };
    if (spec.access !== "public")
      responses["401"] ??= {
        description: "Not signed in",
        content: { "application/problem+json": { schema: problem } },
      };
    if (spec.access === "secretariat")
      responses["403"] ??= { description: "Not allowed", content: { "application/problem+json": { schema: problem } } };
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      tags: spec.tags,
      security: spec.access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      responses,
      ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
      ...(spec.query ? { requestParams: { query: spec.query } } : {}),
    };
    const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (pathParams.length) operation.parameters = pathParams;
    ((paths[spec.path] ??= {}) as Record<string, unknown>)[spec.method.toLowerCase()] = operation;
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Chiiki API",
      version: "1",
      description: "The JSON API of Chiiki. Errors are application/problem+json (RFC 9457) with a stable `code`.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token from `npx chiiki token create` or the secretariat's API tokens page",
        },
        session: { type: "apiKey", in: "cookie", name: "chiiki.session_token" },
      },
    },
    paths,
  });
}

import type { Route } from "./+types/api.auth.$";
import { isPublicAuthEndpoint } from "#core/accounts/public-auth-endpoints.ts";
import { stateOf } from "../context.ts";
import { problem } from "../api/endpoint.ts";

/**
 * Better Auth's own endpoints, only those on the allow-list (the links we mail): every other one
 * answers 404, as if it did not exist (core/accounts/public-auth-endpoints.ts).
 */
function serve({ context, request }: Route.LoaderArgs | Route.ActionArgs) {
  if (!isPublicAuthEndpoint(request.method, new URL(request.url).pathname)) return problem(request, 404, "not-found");
  return stateOf(context).services.auth.handler(request);
}

export async function loader(args: Route.LoaderArgs) {
  return serve(args);
}

export async function action(args: Route.ActionArgs) {
  return serve(args);
}

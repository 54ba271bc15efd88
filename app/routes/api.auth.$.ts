import type { Route } from "./+types/api.auth.$";
import { stateOf } from "../context.ts";

/** Better Auth's own endpoints (magic-link verification and the like). */
export async function loader({ context, request }: Route.LoaderArgs) {
  return stateOf(context).services.auth.handler(request);
}

export async function action({ context, request }: Route.ActionArgs) {
  return stateOf(context).services.auth.handler(request);
}

/**
 * The loader and action of both share pages (a post's, a talk material's): the publishing
 * secretariat reads and sets the other communities an item is shared with (ADR 038).
 */
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listCommunityShares } from "#core/sharing/list-community-shares.ts";
import { setCommunityShares } from "#core/sharing/set-community-shares.ts";
import type { RouterContextProvider } from "react-router";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";

type SharedItem = "post" | "material";
type Args = { context: Readonly<RouterContextProvider>; request: Request; params: { id: string } };

export function loadShares({ context, request, params }: Args, type: SharedItem) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () =>
    listCommunityShares(state.services.database.db, actor, { type, id: params.id }),
  );
}

export async function saveShares({ context, request, params }: Args, type: SharedItem) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = formInput(form, { many: ["communities"] });
    await setCommunityShares(sharingDepsFrom(state.services), actor, { type, id: params.id }, input);
    return { ok: true as const };
  });
}

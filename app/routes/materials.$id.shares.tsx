import { Link } from "react-router";
import type { Route } from "./+types/materials.$id.shares";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listCommunityShares } from "#core/sharing/list-community-shares.ts";
import { setCommunityShares } from "#core/sharing/set-community-shares.ts";
import { CommunitySharesForm } from "../components/community-shares-form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

/** The publishing secretariat chooses the other communities a talk material is shared with (ADR 038). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () =>
    listCommunityShares(state.services.database.db, actor, { type: "material", id: params.id }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = formInput(form, { many: ["communities"] });
    await setCommunityShares(sharingDepsFrom(state.services), actor, { type: "material", id: params.id }, input);
    return { ok: true as const };
  });
}

export default function MaterialShares({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { title, choices } = loaderData;
  return (
    <section className="page" aria-labelledby="shares-title">
      <h1 id="shares-title">{t("sharing.shared.title")}</h1>
      <p>
        <Link to={`/materials/${params.id}`}>{title}</Link>
      </p>
      <CommunitySharesForm
        choices={choices}
        lead={t("sharing.shared.leadMaterial")}
        note={t("sharing.shared.materialNote")}
        actionData={actionData}
      />
    </section>
  );
}

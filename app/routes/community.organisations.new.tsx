import { redirect } from "react-router";
import { createOrganisation } from "#core/community/create-organisation.ts";
import type { Route } from "./+types/community.organisations.new";
import { failureOf } from "../components/form.tsx";
import { OrganisationForm } from "../components/community/organisation-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体の登録 · Chiiki" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requireSecretariatPage(stateOf(context), request);
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await createOrganisation(depsOf(state), actor, Object.fromEntries(form));
    throw redirect(`/community/organisations/${created.id}?saved=1`);
  });
}

export default function NewOrganisation({ actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-organisation-title">
      <CommunityTabs secretariat />
      <h1 id="new-organisation-title">{t("community.organisations")}: {t("community.new")}</h1>
      <OrganisationForm failure={failureOf(actionData)} secretariat />
    </section>
  );
}

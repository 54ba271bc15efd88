import { redirect } from "react-router";
import { getAgreement } from "#core/community/get-agreement.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateAgreement } from "#core/community/update-agreement.ts";
import type { Route } from "./+types/community.agreements.$id.edit";
import { failureOf } from "../components/form.tsx";
import { AgreementForm } from "../components/community/agreement-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const agreement = await orRespond(state, request, () => getAgreement(depsOf(state), actor, params.id));
  return { agreement, options: await listFormOptions(depsOf(state), actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updateAgreement(depsOf(state), actor, params.id, withLists(nestedFormInput(form), ["parties"]));
    throw redirect(`/community/agreements/${params.id}?saved=1`);
  });
}

export default function EditAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-agreement-title">
      <CommunityTabs secretariat />
      <h1 id="edit-agreement-title">{loaderData.agreement.title}: {t("community.edit")}</h1>
      <AgreementForm agreement={loaderData.agreement} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}

import { redirect } from "react-router";
import { createAgreement } from "#core/community/create-agreement.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.agreements.new";
import { failureOf } from "../components/form.tsx";
import { AgreementForm } from "../components/community/agreement-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定の登録 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return { options: await listFormOptions(depsOf(state), actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await createAgreement(depsOf(state), actor, withLists(nestedFormInput(form), ["parties"]));
    throw redirect(`/community/agreements/${created.id}?saved=1`);
  });
}

export default function NewAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-agreement-title">
      <CommunityTabs secretariat />
      <h1 id="new-agreement-title">{t("community.agreements")}: {t("community.new")}</h1>
      <AgreementForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}

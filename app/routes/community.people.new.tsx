import { redirect } from "react-router";
import { isRegistryAdmin } from "#core/community/access.ts";
import { createPerson } from "#core/community/create-person.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.people.new";
import { failureOf } from "../components/form.tsx";
import { PersonForm } from "../components/community/person-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人の登録 · Chiiki" }];

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const options = await orRespond(state, request, () => listFormOptions(depsOf(state), actor));
  return { options, organisationId: url.searchParams.get("organisationId"), secretariat: isRegistryAdmin(actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await createPerson(depsOf(state), actor, withLists(nestedFormInput(form, ["mailOptIn"]), ["qualifications", "trainings"]));
    throw redirect(`/community/people/${created.id}?saved=1`);
  });
}

export default function NewPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-person-title">
      <CommunityTabs secretariat={loaderData.secretariat} />
      <h1 id="new-person-title">{t("community.people")}: {t("community.new")}</h1>
      <PersonForm options={loaderData.options} organisationId={loaderData.organisationId} failure={failureOf(actionData)} secretariat={loaderData.secretariat} />
    </section>
  );
}

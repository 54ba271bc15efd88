import { redirect } from "react-router";
import { isRegistryAdmin } from "#core/community/access.ts";
import { getPerson } from "#core/community/get-person.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updatePerson } from "#core/community/update-person.ts";
import type { Route } from "./+types/community.people.$id.edit";
import { failureOf } from "../components/form.tsx";
import { PersonForm } from "../components/community/person-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const person = await orRespond(state, request, () => getPerson(depsOf(state), actor, params.id));
  const options = await listFormOptions(depsOf(state), actor);
  return { person, options, secretariat: isRegistryAdmin(actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updatePerson(depsOf(state), actor, params.id, withLists(nestedFormInput(form, ["mailOptIn"]), ["qualifications", "trainings"]));
    throw redirect(`/community/people/${params.id}?saved=1`);
  });
}

export default function EditPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { person, options, secretariat } = loaderData;
  return (
    <section className="page" aria-labelledby="edit-person-title">
      <CommunityTabs secretariat={secretariat} />
      <h1 id="edit-person-title">{person.familyName} {person.givenName}: {t("community.edit")}</h1>
      <PersonForm person={person} options={options} failure={failureOf(actionData)} secretariat={secretariat} />
    </section>
  );
}

import { isRegistryAdmin } from "#core/community/access.ts";
import { createPerson } from "#core/community/create-person.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.people.new";
import { failureOf } from "../components/form.tsx";
import { PersonForm } from "../components/community/person-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";
import { createFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人の登録 · Chiiki" }];

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const options = await orRespond(state, request, () => listFormOptions(depsOf(state), actor));
  return { options, organisationId: url.searchParams.get("organisationId"), secretariat: isRegistryAdmin(actor) };
}

export const action = (args: Route.ActionArgs) =>
  createFromForm(
    args,
    { lists: ["qualifications", "trainings"], checkboxes: ["mailOptIn"] },
    createPerson,
    "/community/people",
    requireUserPage,
  );

export default function NewPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-person-title">
      <CommunityTabs secretariat={loaderData.secretariat} />
      <h1 id="new-person-title">
        {t("community.people")}: {t("community.new")}
      </h1>
      <PersonForm
        options={loaderData.options}
        organisationId={loaderData.organisationId}
        failure={failureOf(actionData)}
        secretariat={loaderData.secretariat}
      />
    </section>
  );
}

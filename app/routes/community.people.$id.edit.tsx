import { getPerson } from "#core/community/get-person.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updatePerson } from "#core/community/update-person.ts";
import type { Route } from "./+types/community.people.$id.edit";
import { failureOf } from "../components/form.tsx";
import { PersonForm } from "../components/community/person-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { loadEditForm, updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人の編集 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadEditForm(args, getPerson, listFormOptions, requireUserPage);

export const action = (args: Route.ActionArgs) =>
  updateFromForm(
    args,
    { lists: ["qualifications", "trainings"], checkboxes: ["mailOptIn"] },
    updatePerson,
    "/community/people",
    requireUserPage,
  );

export default function EditPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { record: person, options, secretariat } = loaderData;
  return (
    <section className="page" aria-labelledby="edit-person-title">
      <CommunityTabs secretariat={secretariat} />
      <h1 id="edit-person-title">
        {person.familyName} {person.givenName}: {t("community.edit")}
      </h1>
      <PersonForm person={person} options={options} failure={failureOf(actionData)} secretariat={secretariat} />
    </section>
  );
}

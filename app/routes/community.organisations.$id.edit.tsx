import { isRegistryAdmin } from "#core/community/access.ts";
import { getOrganisation } from "#core/community/get-organisation.ts";
import { updateOrganisation } from "#core/community/update-organisation.ts";
import { AppError } from "#core/shared/errors.ts";
import type { Route } from "./+types/community.organisations.$id.edit";
import { failureOf } from "../components/form.tsx";
import { OrganisationForm } from "../components/community/organisation-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";
import { updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const organisation = await orRespond(state, request, async () => {
    const found = await getOrganisation(depsOf(state), actor, params.id);
    if (found.access !== "full") throw new AppError("forbidden");
    return found;
  });
  return { organisation, secretariat: isRegistryAdmin(actor) };
}

export const action = (args: Route.ActionArgs) =>
  updateFromForm(args, {}, updateOrganisation, "/community/organisations", requireUserPage);

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organisation, secretariat } = loaderData;
  return (
    <section className="page" aria-labelledby="edit-organisation-title">
      <CommunityTabs secretariat={secretariat} />
      <h1 id="edit-organisation-title">
        {organisation.name}: {t("community.edit")}
      </h1>
      <OrganisationForm organisation={organisation} failure={failureOf(actionData)} secretariat={secretariat} />
    </section>
  );
}

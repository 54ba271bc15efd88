import { createOrganisation } from "#core/community/create-organisation.ts";
import type { Route } from "./+types/community.organisations.new";
import { failureOf } from "../components/form.tsx";
import { OrganisationForm } from "../components/community/organisation-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { createFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体の登録 · Chiiki" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requireSecretariatPage(stateOf(context), request);
  return null;
}

export const action = (args: Route.ActionArgs) =>
  createFromForm(args, {}, createOrganisation, "/community/organisations");

export default function NewOrganisation({ actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-organisation-title">
      <CommunityTabs secretariat />
      <h1 id="new-organisation-title">
        {t("community.organisations")}: {t("community.new")}
      </h1>
      <OrganisationForm failure={failureOf(actionData)} secretariat />
    </section>
  );
}

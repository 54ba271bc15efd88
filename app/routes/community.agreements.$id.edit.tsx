import { getAgreement } from "#core/community/get-agreement.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateAgreement } from "#core/community/update-agreement.ts";
import type { Route } from "./+types/community.agreements.$id.edit";
import { failureOf } from "../components/form.tsx";
import { AgreementForm } from "../components/community/agreement-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { loadEditForm, updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定の編集 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadEditForm(args, getAgreement, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  updateFromForm(args, { lists: ["parties"] }, updateAgreement, "/community/agreements");

export default function EditAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-agreement-title">
      <CommunityTabs secretariat />
      <h1 id="edit-agreement-title">
        {loaderData.record.title}: {t("community.edit")}
      </h1>
      <AgreementForm agreement={loaderData.record} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}

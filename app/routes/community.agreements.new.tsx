import { createAgreement } from "#core/community/create-agreement.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.agreements.new";
import { failureOf } from "../components/form.tsx";
import { AgreementForm } from "../components/community/agreement-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { createFromForm, loadNewRecordForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定の登録 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadNewRecordForm(args, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  createFromForm(args, { lists: ["parties"] }, createAgreement, "/community/agreements");

export default function NewAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-agreement-title">
      <CommunityTabs secretariat />
      <h1 id="new-agreement-title">
        {t("community.agreements")}: {t("community.new")}
      </h1>
      <AgreementForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}

import { Link } from "react-router";
import type { Route } from "./+types/materials.$id.shares";
import { loadShares, saveShares } from "./community-shares.server.ts";
import { CommunitySharesForm } from "../components/community-shares-form.tsx";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

/** The publishing secretariat chooses the other communities a talk material is shared with (ADR 038). */
export const loader = (args: Route.LoaderArgs) => loadShares(args, "material");

export const action = (args: Route.ActionArgs) => saveShares(args, "material");

export default function MaterialShares({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { title, choices } = loaderData;
  return (
    <section className="page" aria-labelledby="shares-title">
      <h1 id="shares-title">{t("sharing.shared.title")}</h1>
      <p>
        <Link to={`/materials/${params.id}`}>{title}</Link>
      </p>
      <CommunitySharesForm
        choices={choices}
        lead={t("sharing.shared.leadMaterial")}
        note={t("sharing.shared.materialNote")}
        actionData={actionData}
      />
    </section>
  );
}

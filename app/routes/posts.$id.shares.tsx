import { Link } from "react-router";
import type { Route } from "./+types/posts.$id.shares";
import { loadShares, saveShares } from "./community-shares.server.ts";
import { CommunitySharesForm } from "../components/community-shares-form.tsx";
import { TlpBadge } from "../components/tlp-badge.tsx";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

/** The publishing secretariat chooses the other communities a post is shared with (ADR 038). */
export const loader = (args: Route.LoaderArgs) => loadShares(args, "post");

export const action = (args: Route.ActionArgs) => saveShares(args, "post");

export default function PostShares({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { title, tlp, choices } = loaderData;
  const note =
    tlp === "RED"
      ? t("sharing.shared.redNote")
      : tlp === "AMBER" || tlp === "AMBER+STRICT"
        ? t("sharing.shared.amberNote")
        : null;
  return (
    <section className="page" aria-labelledby="shares-title">
      <h1 id="shares-title">{t("sharing.shared.title")}</h1>
      <p>
        {tlp && <TlpBadge tlp={tlp} />} <Link to={`/posts/${params.id}`}>{title}</Link>
      </p>
      <CommunitySharesForm choices={choices} lead={t("sharing.shared.lead")} note={note} actionData={actionData} />
    </section>
  );
}

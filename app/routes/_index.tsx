import { Link } from "react-router";
import type { Route } from "./+types/_index";
import { isSecretariat } from "#core/accounts/actor.ts";
import { stateOf } from "../context.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "Chiiki" }];

export async function loader({ context }: Route.LoaderArgs) {
  const { actor } = stateOf(context);
  return {
    user: actor.kind === "user" ? { name: actor.name } : null,
    secretariat: isSecretariat(actor) && actor.kind !== "anonymous",
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      {loaderData.user ? <p>{t("home.signedInAs", { name: loaderData.user.name })}</p> : <p>{t("home.forMembers")}</p>}
      <h2>{t("home.publicInfo")}</h2>
      <ul className="card-list">
        <li>
          <Link to="/events">{t("events.nav")}</Link>
        </li>
        <li>
          <Link to="/posts">{t("nav.sharing")}</Link>
        </li>
        {loaderData.user && (
          <li>
            <Link to="/community">{t("community.nav")}</Link>
          </li>
        )}
      </ul>
      {loaderData.secretariat && (
        <>
          <h2>{t("home.secretariatTasks")}</h2>
          <ul className="card-list">
            <li>
              <Link to="/surveys">{t("surveys.nav")}</Link>
            </li>
            <li>
              <Link to="/mailings">{t("nav.mailings")}</Link>
            </li>
            <li>
              <Link to="/reports">{t("reports.nav")}</Link>
            </li>
            <li>
              <Link to="/secretariat/invitations">{t("nav.invitations")}</Link>
            </li>
            <li>
              <Link to="/secretariat/outbox">{t("nav.outbox")}</Link>
            </li>
            <li>
              <Link to="/secretariat/audit">{t("nav.audit")}</Link>
            </li>
            <li>
              <Link to="/secretariat/tokens">{t("nav.tokens")}</Link>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

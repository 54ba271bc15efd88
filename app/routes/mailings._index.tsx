import { Link } from "react-router";
import type { Route } from "./+types/mailings._index";
import { listMailings } from "#core/mailings/list-mailings.ts";
import { formatEraDate } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "周知メール · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return { mailings: (await listMailings(state.services.database.db, state.actor, { limit: 200 })).items };
}

export default function Mailings({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="mailings-title">
      <h1 id="mailings-title">{t("mailings.title")}</h1>
      <p className="lead">{t("mailings.lead")}</p>
      <p className="actions">
        <Link className="button" to="/mailings/new">
          {t("mailings.new")}
        </Link>
      </p>
      {loaderData.mailings.length === 0 ? (
        <p>{t("mailings.none")}</p>
      ) : (
        <ul className="card-list">
          {loaderData.mailings.map((m) => (
            <li key={m.id}>
              <Link to={`/mailings/${m.id}`}>{m.subject}</Link>
              <p className="muted">
                {t(`mailings.status.${m.status}`)} · {t(`mailings.audience.${m.audience.kind}`)} ·{" "}
                <time dateTime={m.createdAt}>{formatEraDate(m.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

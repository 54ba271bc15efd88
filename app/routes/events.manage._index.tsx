import { Link } from "react-router";
import type { Route } from "./+types/events.manage._index";
import { listEvents } from "#core/events/list-events.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "セミナー管理 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const { upcoming, past } = await listEvents(state.services.database.db, actor, state.services.clock.now());
  return { events: [...upcoming, ...past] };
}

export default function ManageEvents({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="page" aria-labelledby="manage-title">
      <h1 id="manage-title">{t("events.admin.title")}</h1>
      <p>
        <Link to="/events/manage/new" className="button">
          {t("events.admin.new")}
        </Link>
      </p>
      <ul className="card-list event-list">
        {loaderData.events.map((e) => (
          <li key={e.id}>
            <Link to={`/events/manage/${e.id}`} className="event-card__title">
              {e.title}
            </Link>
            <p className="muted">{formatDateTime(e.startsAt, locale)}</p>
            <p className="actions">
              <Link to={`/events/manage/${e.id}/registrations`}>{t("events.admin.registrations")}</Link>
              <Link to={`/events/manage/${e.id}/checkin`}>{t("events.admin.checkin")}</Link>
              <Link to={`/events/manage/${e.id}/figures`}>{t("events.admin.figures")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

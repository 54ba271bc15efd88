import { Link } from "react-router";
import type { Route } from "./+types/events._index";
import { isSecretariat } from "#core/accounts/actor.ts";
import { listEvents } from "#core/events/list-events.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "セミナー · Chiiki" }];

export async function loader({ context }: Route.LoaderArgs) {
  const { services, actor } = stateOf(context);
  const events = await listEvents(services.database.db, actor, services.clock.now());
  return { ...events, manage: isSecretariat(actor) };
}

export default function Events({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { upcoming, past, manage } = loaderData;
  const item = (e: (typeof upcoming)[number]) => (
    <li key={e.id}>
      <Link to={`/events/${e.id}`} className="event-card__title">
        {e.title}
      </Link>
      <p className="muted">
        {formatDateTime(e.startsAt, locale)}
        {e.venueName && ` · ${e.venueName}`}
        {e.onlineTool && ` · ${t("events.page.online")} (${e.onlineTool})`}
      </p>
      <p>
        {e.audience === "members" && <span className="badge">{t("events.list.membersOnly")}</span>}{" "}
        {e.registrationOpen && <span className="badge badge--sent">{t("events.list.open")}</span>}
      </p>
    </li>
  );
  return (
    <section className="page" aria-labelledby="events-title">
      <h1 id="events-title">{t("events.list.title")}</h1>
      {manage && (
        <p>
          <Link to="/events/manage" className="button button--secondary">
            {t("events.admin.title")}
          </Link>
        </p>
      )}
      <h2>{t("events.list.upcoming")}</h2>
      {upcoming.length ? (
        <ul className="card-list event-list">{upcoming.map(item)}</ul>
      ) : (
        <p>{t("events.list.none")}</p>
      )}
      {past.length > 0 && (
        <>
          <h2>{t("events.list.past")}</h2>
          <ul className="card-list event-list">{past.map(item)}</ul>
        </>
      )}
    </section>
  );
}

import { Link } from "react-router";
import type { Route } from "./+types/events.$id._index";
import { getEvent } from "#core/events/get-event.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.event.title ?? ""} · Chiiki` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const event = await orRespond(state, request, () => getEvent(state.services.database.db, state.actor, params.id));
  const now = state.services.clock.now().toISOString();
  return {
    event,
    open: event.registrationOpensAt <= now && now < event.registrationClosesAt,
    notYet: now < event.registrationOpensAt,
  };
}

/** 15:00 from an instant, in Japan time. */
function timeOf(iso: string, locale: "ja" | "en") {
  return formatDateTime(iso, locale).split(" ").pop();
}

export default function EventPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { event, open, notYet } = loaderData;
  const venue = [event.venueName, event.venueRoom].filter(Boolean).join(" ");
  return (
    <article className="page event" aria-labelledby="event-title">
      <h1 id="event-title">{event.title}</h1>
      {event.theme && <p className="lead">{event.theme}</p>}
      <dl className="facts">
        <dt>{t("events.page.when")}</dt>
        <dd>
          {formatDateTime(event.startsAt, locale)}–{timeOf(event.endsAt, locale)}
          {event.receptionAt && (
            <>
              <br />
              {t("events.page.reception", { time: timeOf(event.receptionAt, locale)! })}
            </>
          )}
        </dd>
        {venue && (
          <>
            <dt>{t("events.page.venue")}</dt>
            <dd>
              {venue}
              {event.venueAddress && (
                <>
                  <br />
                  {event.venueAddress}
                </>
              )}
              {event.venuePhone && <> (TEL {event.venuePhone})</>}
            </dd>
          </>
        )}
        {event.onlineTool && (
          <>
            <dt>{t("events.page.online")}</dt>
            <dd>{event.onlineTool}</dd>
          </>
        )}
        <dt>{t("events.page.seats")}</dt>
        <dd>
          <ul className="plain-list">
            {event.seatTypes.map((s) => (
              <li key={s.key}>
                {s.remaining > 0
                  ? t("events.page.seatLine", { label: s.label, capacity: s.capacity, remaining: s.remaining })
                  : t("events.page.seatFull", {
                      label: s.label,
                      capacity: s.capacity,
                      waitlist: s.waitlist ? t("events.page.seatWaitlist") : "",
                    })}
              </li>
            ))}
          </ul>
        </dd>
        {event.feeText && (
          <>
            <dt>{t("events.page.fee")}</dt>
            <dd>{event.feeText}</dd>
          </>
        )}
        {event.organiser && (
          <>
            <dt>{t("events.page.organiser")}</dt>
            <dd>{event.organiser}</dd>
          </>
        )}
        {event.coOrganisers && (
          <>
            <dt>{t("events.page.coOrganisers")}</dt>
            <dd>{event.coOrganisers}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {open ? (
          <Link to={`/events/${event.id}/register`} className="button">
            {t("events.page.register")}
          </Link>
        ) : (
          <p className="notice notice--info">
            {notYet
              ? t("events.page.notOpen", { time: formatDateTime(event.registrationOpensAt, locale) })
              : t("events.page.closed")}
          </p>
        )}
      </div>
      {event.description && (
        <div className="event__description">
          {event.description.split("\n").map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
      {event.sessions.length > 0 && (
        <>
          <h2>{t("events.page.programme")}</h2>
          <ol className="programme">
            {event.sessions.map((s) => (
              <li key={s.id}>
                {s.startsAt && (
                  <p className="muted">
                    {timeOf(s.startsAt, locale)}
                    {s.endsAt && `–${timeOf(s.endsAt, locale)}`}
                  </p>
                )}
                <h3>{s.title}</h3>
                {s.speakers.map((p, i) => (
                  <p key={i}>
                    {t("events.page.speaker")}: {[p.affiliation, p.title, p.name].filter(Boolean).join(" ")}
                    {p.reading && <span className="muted">（{p.reading}）</span>}
                  </p>
                ))}
                {s.abstract && <p>{s.abstract}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
      <ul className="plain-list">
        <li>
          <Link reloadDocument to={`/events/${event.id}/calendar.ics`} download>
            {t("events.page.ics")}
          </Link>
        </li>
        <li>
          <Link reloadDocument to={`/events/${event.id}/flyer.pdf`}>
            {t("events.page.flyer")}
          </Link>
        </li>
      </ul>
    </article>
  );
}

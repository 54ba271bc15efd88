import { Link } from "react-router";
import type { Route } from "./+types/events.ticket.$token";
import { cancelRegistration } from "#core/events/cancel-registration.ts";
import { moveRegistration } from "#core/events/move-registration.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getTicket } from "#core/events/get-ticket.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { qrDataUri } from "../lib/qr.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "受付票 · Chiiki" }, { name: "robots", content: "noindex" }];

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const ticket = await orRespond(state, request, () => getTicket(state.services.database.db, params.token));
  return {
    ticket,
    qr: ticket.ticketCode ? await qrDataUri(ticket.ticketCode) : null,
    registered: url.searchParams.has("registered"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const ticket = await getTicket(state.services.database.db, params.token);
    if (form.get("intent") === "change-seat") {
      await moveRegistration(
        eventsDepsFrom(state.services),
        state.actor,
        ticket.registrationId,
        { seatType: String(form.get("seatType") ?? "") },
        params.token,
      );
      return { ok: true as const, changed: true };
    }
    await cancelRegistration(eventsDepsFrom(state.services), state.actor, ticket.registrationId, params.token);
    return { ok: true as const, cancelled: true };
  });
}

export default function Ticket({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { ticket, qr, registered } = loaderData;
  const { event } = ticket;
  const seat = ticket.seatType.label;
  // Seat types with a seat free now (a registrant never moves onto a waitlist by their own link).
  const freeElsewhere = event.seatTypes.filter((s) => s.key !== ticket.seatType.key && s.remaining > 0);
  return (
    <section className="page narrow ticket" aria-labelledby="ticket-title">
      <h1 id="ticket-title">{t("events.ticket.title")}</h1>
      {registered && ticket.status !== "cancelled" && (
        <Notice tone="success">
          <p>{t("events.ticket.registered")}</p>
        </Notice>
      )}
      {actionData && !failure && (
        <Notice tone="success">
          <p>{"changed" in actionData ? t("events.ticket.changed") : t("events.ticket.cancelDone")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <p className="ticket__event">
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      <p>
        {formatDateTime(event.startsAt, locale)}
        {event.venueName && !ticket.seatType.online && ` · ${event.venueName}`}
      </p>
      <p className="ticket__name">
        {ticket.name}
        {ticket.organisationName && <span className="muted"> ({ticket.organisationName})</span>}
      </p>
      <p className="ticket__status" data-status={ticket.status}>
        {ticket.status === "confirmed" && t("events.ticket.confirmed", { seat })}
        {ticket.status === "waitlisted" &&
          t("events.ticket.waitlisted", { seat, position: ticket.waitlistPosition ?? "-" })}
        {ticket.status === "cancelled" && t("events.ticket.cancelled")}
      </p>
      {qr && ticket.ticketCode && (
        <figure className="ticket__qr">
          <img src={qr} alt={t("events.ticket.qrAlt", { code: ticket.ticketCode })} width={240} height={240} />
          <figcaption>
            {t("events.ticket.qrHelp")}
            <br />
            {t("events.ticket.code")}: <span className="mono">{ticket.ticketCode}</span>
          </figcaption>
        </figure>
      )}
      {ticket.checkedInAt && (
        <p className="badge badge--sent">
          {t("events.ticket.checkedIn", { time: formatDateTime(ticket.checkedInAt, locale) })}
        </p>
      )}
      {ticket.joinUrl && (
        <div className="ticket__join">
          <h2>{t("events.ticket.join", { tool: event.onlineTool ?? "Online" })}</h2>
          <p>
            <a href={ticket.joinUrl} rel="noreferrer">
              {ticket.joinUrl}
            </a>
          </p>
          <p className="muted">{t("events.ticket.joinHelp")}</p>
        </div>
      )}
      {/* A cancelled registration holds no seat: nothing to add to a calendar. */}
      {ticket.status !== "cancelled" && (
        <ul className="plain-list">
          <li>
            <Link reloadDocument to={`/events/${event.id}/calendar.ics`} download>
              {t("events.page.ics")}
            </Link>
          </li>
        </ul>
      )}
      {ticket.status !== "cancelled" && !ticket.checkedInAt && freeElsewhere.length > 0 && (
        <Form method="post" className="ticket__change">
          <input type="hidden" name="intent" value="change-seat" />
          <fieldset className="choices">
            <legend>{t("events.ticket.changeSeat")}</legend>
            <p className="muted">{t("events.ticket.changeSeatIntro")}</p>
            {freeElsewhere.map((s, i) => (
              <label key={s.key} className="choice">
                <input type="radio" name="seatType" value={s.key} defaultChecked={i === 0} />
                {s.label}
                {s.eligibility !== "everyone" && ` (${t(`events.eligibility.${s.eligibility as "members"}`)})`}
              </label>
            ))}
          </fieldset>
          <SubmitButton className="button button--secondary">{t("events.ticket.changeSeatSubmit")}</SubmitButton>
        </Form>
      )}
      {ticket.status !== "cancelled" && !ticket.checkedInAt && (
        <Form method="post" className="ticket__cancel">
          <p className="muted">{t("events.ticket.cancelConfirm")}</p>
          <SubmitButton className="button button--danger">{t("events.ticket.cancel")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

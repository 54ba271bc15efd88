import { Link } from "react-router";
import type { Route } from "./+types/events.manage.$id.checkin";
import { checkInAttendee } from "#core/events/check-in-attendee.ts";
import { countCheckIns } from "#core/events/count-check-ins.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEventForEditing } from "#core/events/get-event-for-editing.ts";
import { listRegistrations } from "#core/events/list-registrations.ts";
import { QrScanner } from "../components/qr-scanner.tsx";
import { RegistrantSearch } from "../components/registrant-search.tsx";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { formatDateTime } from "#i18n/dates.ts";

export const meta: Route.MetaFunction = () => [{ title: "受付 · Chiiki" }];

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const db = state.services.database.db;
  const q = url.searchParams.get("q")?.trim() ?? "";
  const [event, counts, found] = await orRespond(state, request, () =>
    Promise.all([
      getEventForEditing(db, actor, params.id),
      countCheckIns(db, actor, params.id),
      q ? listRegistrations(db, actor, params.id, { q, status: "confirmed", limit: 20 }) : Promise.resolve(null),
    ]),
  );
  return {
    event: { id: event.id, title: event.title },
    counts,
    q,
    found:
      found?.items.map((r) => ({
        id: r.id,
        name: r.name,
        organisationName: r.organisationName,
        checkedInAt: r.checkedInAt,
      })) ?? null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = { ticket: "", ...formInput(form) } as { ticket: string };
    const result = await checkInAttendee(eventsDepsFrom(state.services), actor, params.id, input);
    return { ok: true as const, name: result.name };
  });
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { event, counts, q, found } = loaderData;
  const done = actionData && !failure ? (actionData as { name: string }).name : null;
  return (
    <section className="page narrow checkin" aria-labelledby="checkin-title">
      <p>
        <Link to={`/events/manage/${event.id}`}>{event.title}</Link>
      </p>
      <h1 id="checkin-title">{t("events.checkin.title")}</h1>
      <p className="lead">{t("events.checkin.count", { checkedIn: counts.checkedIn, confirmed: counts.confirmed })}</p>
      <ul className="plain-list checkin__seats">
        {counts.bySeatType.map((seat) => (
          <li key={seat.key}>
            {t(seat.online ? "events.checkin.seatOnline" : "events.checkin.seatVenue", {
              label: seat.label,
              arrived: seat.arrived,
              confirmed: seat.confirmed,
            })}
          </li>
        ))}
      </ul>
      {done && (
        <Notice tone="success">
          <p className="checkin__result">{t("events.checkin.done", { name: done })}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <p className="muted">{t("events.checkin.scanHelp")}</p>
      <QrScanner
        formId="checkin-form"
        startLabel={t("events.checkin.scan")}
        stopLabel={t("events.checkin.scanStop")}
        failedLabel={t("events.checkin.scanFailed")}
      />
      <Form method="post" id="checkin-form" noValidate>
        <Field
          name="ticket"
          label={t("events.checkin.ticket")}
          failure={failure}
          autoComplete="off"
          autoCapitalize="characters"
          defaultValue=""
          key={String(done)}
        />
        <div className="actions">
          <SubmitButton>{t("events.checkin.submit")}</SubmitButton>
        </div>
      </Form>
      <RegistrantSearch q={q} />
      {found && (
        <ul className="card-list">
          {found.map((r) => (
            <li key={r.id}>
              <p>
                {r.name} <span className="muted">{r.organisationName}</span>
              </p>
              {r.checkedInAt ? (
                <p className="badge badge--sent">
                  {t("events.ticket.checkedIn", { time: formatDateTime(r.checkedInAt, locale) })}
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="ticket" value={r.id} />
                  <SubmitButton className="button button--small">{t("events.checkin.submit")}</SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { data, Link } from "react-router";
import type { Route } from "./+types/events.manage.$id.registrations";
import { cancelRegistration } from "#core/events/cancel-registration.ts";
import { changeSeatCapacity } from "#core/events/change-seat-capacity.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEventForEditing } from "#core/events/get-event-for-editing.ts";
import { listRegistrations } from "#core/events/list-registrations.ts";
import { inviteGuest } from "#core/events/invite-guest.ts";
import { listGuests } from "#core/events/list-guests.ts";
import { moveRegistration } from "#core/events/move-registration.ts";
import { removeGuest } from "#core/events/remove-guest.ts";
import { attendeeRoles } from "#core/events/seat-rules.ts";
import { setAttendeeRole } from "#core/events/set-attendee-role.ts";
import { AppError } from "#core/shared/errors.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { RegistrantSearch } from "../components/registrant-search.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = () => [{ title: "申込者 · Chiiki" }];

const PAGE_SIZE = 100;

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const db = state.services.database.db;
  const offset = Number(url.searchParams.get("offset")) || 0;
  const q = url.searchParams.get("q") ?? "";
  const [event, registrations, guests] = await orRespond(state, request, () =>
    Promise.all([
      getEventForEditing(db, actor, params.id),
      listRegistrations(db, actor, params.id, { limit: PAGE_SIZE, offset, ...(q ? { q } : {}) }),
      listGuests(eventsDepsFrom(state.services), actor, params.id),
    ]),
  );
  // Who is over capacity: the latest confirmed of each seat type beyond its capacity.
  const over = new Set<string>();
  for (const seat of event.seatTypes.filter((s) => s.over > 0)) {
    const confirmed = await listRegistrations(db, actor, params.id, {
      seatType: seat.key,
      status: "confirmed",
      limit: 1000,
    });
    for (const r of confirmed.items.slice(seat.capacity)) over.add(r.id);
  }
  return data({ event, registrations, guests, over: [...over], offset, q });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  const deps = eventsDepsFrom(state.services);
  return runForm(state, form, async () => {
    const intent = String(form.get("intent") ?? "");
    if (intent === "capacity") {
      const seat = await changeSeatCapacity(deps, actor, params.id, String(form.get("seatType")), {
        capacity: String(form.get("capacity") ?? "") as unknown as number,
      });
      return { ok: true as const, message: "capacity", over: seat.over };
    }
    if (intent === "move") {
      const [seatType, where] = String(form.get("to") ?? "").split(":");
      await moveRegistration(deps, actor, String(form.get("registrationId")), {
        seatType: seatType ?? "",
        toWaitlist: where === "waitlist",
      });
      return { ok: true as const, message: "moved" };
    }
    if (intent === "role") {
      await setAttendeeRole(deps, actor, String(form.get("registrationId")), {
        attendeeRole: String(form.get("attendeeRole") ?? "") as "",
      });
      return { ok: true as const, message: "role" };
    }
    if (intent === "invite-guest") {
      await inviteGuest(deps, actor, params.id, {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        attendeeRole: String(form.get("attendeeRole") ?? "guest") as "guest",
        sendMail: form.get("sendMail") === "on",
      });
      return { ok: true as const, message: "guest-invited" };
    }
    if (intent === "remove-guest") {
      await removeGuest(deps, actor, params.id, String(form.get("guestId") ?? ""));
      return { ok: true as const, message: "guest-removed" };
    }
    if (intent === "cancel") {
      await cancelRegistration(deps, actor, String(form.get("registrationId")));
      return { ok: true as const, message: "cancelled" };
    }
    throw new AppError("bad-request");
  });
}

export default function Registrations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { event, registrations, guests, over, offset, q } = loaderData;
  const roleOptions = [
    { value: "", label: t("events.role.none") },
    ...attendeeRoles.map((role) => ({ value: role, label: t(`events.role.${role}`) })),
  ];
  const overSet = new Set(over);
  const targets = event.seatTypes.flatMap((s) => [
    { value: `${s.key}:seat`, label: t("events.admin.moveToSeat", { label: s.label }) },
    ...(s.waitlist
      ? [{ value: `${s.key}:waitlist`, label: t("events.admin.moveToWaitlist", { label: s.label }) }]
      : []),
  ]);
  const label = (key: string) => event.seatTypes.find((s) => s.key === key)?.label ?? key;
  return (
    <section className="page" aria-labelledby="registrations-title">
      <p>
        <Link to={`/events/manage/${event.id}`}>{event.title}</Link>
      </p>
      <h1 id="registrations-title">{t("events.admin.registrations")}</h1>
      <FormError failure={failure} />
      {actionData && !failure && (
        <Notice tone="success">
          <p>
            {actionData.message === "guest-invited"
              ? t("events.guests.invited")
              : actionData.message === "guest-removed"
                ? t("events.guests.removed")
                : t("events.admin.saved")}
          </p>
        </Notice>
      )}
      <h2>{t("events.capacity.title")}</h2>
      <ul className="card-list">
        {event.seatTypes.map((s) => (
          <li key={s.key}>
            <p>
              <strong>{s.label}</strong>: {t("events.admin.status.confirmed")} {s.confirmed} / {s.capacity} ·{" "}
              {t("events.admin.status.waitlisted")} {s.waitlisted}
            </p>
            {s.over > 0 && (
              <p className="notice notice--error" role="status">
                {t("events.admin.over", { over: s.over })}
              </p>
            )}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="capacity" />
              <input type="hidden" name="seatType" value={s.key} />
              <Field
                name="capacity"
                type="number"
                min={0}
                inputMode="numeric"
                label={`${s.label} ${t("events.admin.capacity")}`}
                defaultValue={String(s.capacity)}
                failure={failure?.values.seatType === s.key ? failure : undefined}
              />
              <SubmitButton className="button button--secondary">{t("events.capacity.save")}</SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
      <p className="actions">
        <Link reloadDocument to={`/events/manage/${event.id}/export.csv`}>
          {t("events.admin.exportCsv")}
        </Link>
        <Link reloadDocument to={`/events/manage/${event.id}/export.xlsx`}>
          {t("events.admin.exportXlsx")}
        </Link>
        <Link reloadDocument to={`/events/manage/${event.id}/export.csv?encoding=cp932`}>
          {t("files.export.csvCp932")}
        </Link>
      </p>
      <RegistrantSearch q={q} />
      {/* Two columns, so the list fits a phone: the details and the move form stack in the second. */}
      <TableWrap label={t("events.admin.registrations")}>
        <table className="data-table registrations">
          <thead>
            <tr>
              <th scope="col">{t("events.admin.arrival")}</th>
              <th scope="col">{t("events.register.name")}</th>
            </tr>
          </thead>
          <tbody>
            {registrations.items.map((r) => (
              <tr key={r.id} className={overSet.has(r.id) ? "row--over" : undefined}>
                <td className="num">{r.arrival}</td>
                <td className="wrap">
                  <strong>{r.name}</strong>
                  <br />
                  <span className="muted">
                    {r.organisationName ?? ""} {r.email}
                  </span>
                  <br />
                  {label(r.seatType)} ·{" "}
                  {t(`events.admin.status.${r.status as "confirmed" | "waitlisted" | "cancelled"}`)}
                  {r.waitlistPosition && ` #${r.waitlistPosition}`}
                  {overSet.has(r.id) && (
                    <>
                      {" "}
                      <span className="badge badge--failed">{t("events.admin.overMark")}</span>
                    </>
                  )}
                  {r.checkedInAt && (
                    <>
                      <br />
                      <span className="muted">
                        {t("events.ticket.checkedIn", { time: formatDateTime(r.checkedInAt, locale) })}
                      </span>
                    </>
                  )}
                  {r.status !== "cancelled" && (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="registrationId" value={r.id} />
                      <label className="visually-hidden" htmlFor={`role-${r.id}`}>
                        {t("events.admin.role")} ({r.name})
                      </label>
                      <select id={`role-${r.id}`} name="attendeeRole" defaultValue={r.attendeeRole ?? ""}>
                        {roleOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <SubmitButton className="button button--small button--secondary">
                        {t("events.admin.roleSave")}
                      </SubmitButton>
                    </Form>
                  )}
                  {r.status !== "cancelled" && (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="registrationId" value={r.id} />
                      <label className="visually-hidden" htmlFor={`move-${r.id}`}>
                        {t("events.admin.move")} ({r.name})
                      </label>
                      <select id={`move-${r.id}`} name="to">
                        {targets.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <SubmitButton className="button button--small">{t("events.admin.move")}</SubmitButton>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager total={registrations.total} offset={offset} limit={PAGE_SIZE} />
      <h2 id="guests-title">{t("events.guests.title")}</h2>
      <p>{t("events.guests.intro")}</p>
      <Form method="post" className="form-grid" aria-labelledby="guests-title">
        <input type="hidden" name="intent" value="invite-guest" />
        <Field name="email" type="email" label={t("events.guests.email")} failure={failure} required />
        <Field name="name" label={t("events.guests.name")} failure={failure} required />
        <SelectField
          name="attendeeRole"
          label={t("events.guests.role")}
          failure={failure}
          defaultValue="guest"
          options={roleOptions.filter((o) => o.value !== "")}
        />
        <label className="choice">
          <input type="checkbox" name="sendMail" defaultChecked /> {t("events.guests.sendMail")}
        </label>
        <div className="actions">
          <SubmitButton>{t("events.guests.submit")}</SubmitButton>
        </div>
      </Form>
      {guests.length === 0 ? (
        <p className="muted">{t("events.guests.none")}</p>
      ) : (
        <ul className="card-list">
          {guests.map((g) => (
            <li key={g.id}>
              <p>
                <strong>{g.name}</strong> &lt;{g.email}&gt; · {t(`events.role.${g.attendeeRole as "guest"}`)}
              </p>
              <p className="wrap">
                {t("events.guests.link")}: <code>{g.registrationUrl}</code>
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove-guest" />
                <input type="hidden" name="guestId" value={g.id} />
                <SubmitButton className="button button--small button--secondary">
                  {t("events.guests.remove")}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

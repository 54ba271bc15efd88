import { useId } from "react";
import { seatEligibilities } from "#core/events/seat-rules.ts";
import { Link, redirect } from "react-router";
import type { Route } from "./+types/events.manage.$id._index";
import { createEvent } from "#core/events/create-event.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEventForEditing } from "#core/events/get-event-for-editing.ts";
import { updateEvent } from "#core/events/update-event.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { eventToFormValues, formToEventInput, rowCounts } from "./events.editor-form.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "セミナー編集 · Chiiki" }];

/** `/events/manage/new` creates; `/events/manage/{id}` edits. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const event =
    params.id === "new"
      ? null
      : await orRespond(state, request, () => getEventForEditing(state.services.database.db, actor, params.id));
  const values = eventToFormValues(event);
  return {
    id: event?.id ?? null,
    title: event?.title ?? null,
    values,
    rows: rowCounts(values),
    saved: url.searchParams.has("saved"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = formToEventInput(form);
    const deps = eventsDepsFrom(state.services);
    const event =
      params.id === "new" ? await createEvent(deps, actor, input) : await updateEvent(deps, actor, params.id, input);
    throw redirect(`/events/manage/${event.id}?saved=1`);
  });
}

function TextArea({
  name,
  label,
  values,
  failure,
  rows = 4,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  failure: FormFailure | undefined;
  rows?: number;
}) {
  const id = useId();
  const error = failure?.fields[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={failure?.values[name] ?? values[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

function Check({
  name,
  label,
  values,
  failure,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  failure: FormFailure | undefined;
}) {
  const checked = failure ? failure.values[name] === "on" : values[name] === "on";
  return (
    <label className="choice">
      <input type="checkbox" name={name} defaultChecked={checked} /> {label}
    </label>
  );
}

export default function EventEditor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const { id, title, values, rows, saved } = loaderData;
  const f = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <Field key={name} name={name} label={label} failure={failure} defaultValue={values[name] ?? ""} {...props} />
  );
  return (
    <section className="page event-editor" aria-labelledby="editor-title">
      <p>
        <Link to="/events/manage">{t("events.admin.title")}</Link>
      </p>
      <h1 id="editor-title">{title ?? t("events.admin.new")}</h1>
      {id && (
        <nav className="actions" aria-label={t("events.admin.title")}>
          <Link to={`/events/${id}`}>{t("events.nav")}</Link>
          <Link to={`/events/manage/${id}/registrations`}>{t("events.admin.registrations")}</Link>
          <Link to={`/events/manage/${id}/checkin`}>{t("events.admin.checkin")}</Link>
          <Link to={`/events/manage/${id}/figures`}>{t("events.admin.figures")}</Link>
        </nav>
      )}
      {saved && (
        <Notice tone="success">
          <p>{t("events.admin.saved")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <fieldset>
          <legend>{t("events.admin.details")}</legend>
          {f("title", t("events.admin.titleField"), { required: true })}
          {f("theme", t("events.admin.theme"))}
          <TextArea name="description" label={t("events.admin.description")} values={values} failure={failure} />
          <SelectField
            name="audience"
            label={t("events.admin.audience")}
            failure={failure}
            defaultValue={values.audience}
            options={[
              { value: "public", label: t("events.admin.audiencePublic") },
              { value: "members", label: t("events.admin.audienceMembers") },
            ]}
          />
          <div className="form-grid">
            {f("startsAt", t("events.admin.startsAt"), { type: "datetime-local", required: true })}
            {f("endsAt", t("events.admin.endsAt"), { type: "datetime-local", required: true })}
            {f("receptionAt", t("events.admin.receptionAt"), { type: "datetime-local" })}
          </div>
          <div className="form-grid">
            {f("venueName", t("events.admin.venueName"))}
            {f("venueRoom", t("events.admin.venueRoom"))}
            {f("venueAddress", t("events.admin.venueAddress"))}
            {f("venuePhone", t("events.admin.venuePhone"), { type: "tel" })}
            {f("onlineTool", t("events.admin.onlineTool"))}
            {f("onlineJoinUrl", t("events.admin.onlineJoinUrl"), { type: "url" })}
          </div>
          <div className="form-grid">
            {f("feeText", t("events.admin.feeText"))}
            {f("organiser", t("events.admin.organiser"))}
            {f("coOrganisers", t("events.admin.coOrganisers"))}
            {f("registrationOpensAt", t("events.admin.registrationOpensAt"), { type: "datetime-local" })}
            {f("registrationClosesAt", t("events.admin.registrationClosesAt"), { type: "datetime-local" })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("events.admin.seatTypes")}</legend>
          {Array.from({ length: rows.seatTypes }, (_, i) => (
            <div key={i} className="form-grid editor-row">
              {f(`seatTypes.${i}.key`, t("events.admin.seatKey"))}
              {f(`seatTypes.${i}.label`, t("events.admin.seatLabel"))}
              {f(`seatTypes.${i}.capacity`, t("events.admin.capacity"), {
                type: "number",
                min: 0,
                inputMode: "numeric",
              })}
              <SelectField
                name={`seatTypes.${i}.eligibility`}
                label={t("events.seat.eligibility")}
                failure={failure}
                defaultValue={values[`seatTypes.${i}.eligibility`] ?? "everyone"}
                options={seatEligibilities.map((value) => ({ value, label: t(`events.eligibility.${value}`) }))}
              />
              <Check
                name={`seatTypes.${i}.waitlist`}
                label={t("events.admin.waitlist")}
                values={values}
                failure={failure}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("events.admin.programme")}</legend>
          {Array.from({ length: rows.sessions }, (_, i) => (
            <div key={i} className="editor-row">
              {f(`sessions.${i}.title`, `${t("events.admin.sessionTitle")} ${i + 1}`)}
              <div className="form-grid">
                {f(`sessions.${i}.startsAt`, t("events.admin.sessionStartsAt"), { type: "datetime-local" })}
                {f(`sessions.${i}.endsAt`, t("events.admin.sessionEndsAt"), { type: "datetime-local" })}
              </div>
              <TextArea
                name={`sessions.${i}.abstract`}
                label={t("events.admin.abstract")}
                values={values}
                failure={failure}
                rows={3}
              />
              {Array.from({ length: rows.speakers[i] ?? 1 }, (_, j) => (
                <div key={j} className="form-grid">
                  {f(`sessions.${i}.speakers.${j}.name`, t("events.admin.speakerName"))}
                  {f(`sessions.${i}.speakers.${j}.reading`, t("events.admin.speakerReading"))}
                  {f(`sessions.${i}.speakers.${j}.title`, t("events.admin.speakerTitle"))}
                  {f(`sessions.${i}.speakers.${j}.affiliation`, t("events.admin.speakerAffiliation"))}
                  {f(`sessions.${i}.speakers.${j}.profile`, t("events.admin.speakerProfile"))}
                </div>
              ))}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("events.admin.questions")}</legend>
          {Array.from({ length: rows.questions }, (_, i) => (
            <div key={i} className="form-grid editor-row">
              {f(`questions.${i}.key`, t("events.admin.questionKey"))}
              {f(`questions.${i}.label`, t("events.admin.questionLabel"))}
              <Check
                name={`questions.${i}.required`}
                label={t("events.admin.questionRequired")}
                values={values}
                failure={failure}
              />
            </div>
          ))}
          <TextArea name="consentText" label={t("events.admin.consentText")} values={values} failure={failure} />
        </fieldset>
        <div className="actions">
          <SubmitButton>{t("events.admin.save")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

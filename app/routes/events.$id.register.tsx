import { Link, redirect } from "react-router";
import type { Route } from "./+types/events.$id.register";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEvent } from "#core/events/get-event.ts";
import { getRegistrationPrefill } from "#core/events/get-registration-prefill.ts";
import { sectors } from "#core/community/codes.ts";
import type { RegistrationInput } from "#core/events/registration-input.ts";
import { registerAttendee } from "#core/events/register-attendee.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `参加申込 · ${loaderData?.event.title ?? ""} · Chiiki` },
];

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const event = await orRespond(state, request, () => getEvent(state.services.database.db, state.actor, params.id));
  // An invited guest's personal link (?guest=…): passed on with the form, checked by core.
  const guestToken = url.searchParams.get("guest")?.slice(0, 200) ?? null;
  return { event, guestToken, prefill: await getRegistrationPrefill(state.services.database.db, state.actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    // The consent box counts only where the page showed it (an unticked box sends nothing).
    const { consentShown, sector, ...input } = formInput(form, {
      checkboxes: form.has("consentShown") ? ["consent"] : [],
    });
    const receipt = await registerAttendee(eventsDepsFrom(state.services), state.actor, params.id, {
      seatType: "",
      ...input,
      sector: sector || undefined,
      // The language of this page (the account's, or the one the visitor chose): their mails use it.
      locale: state.locale,
    } as RegistrationInput);
    throw redirect(`/events/ticket/${receipt.token}?registered=1`);
  });
}

export default function Register({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { event, prefill, guestToken } = loaderData;
  const chosen =
    failure?.values.seatType ?? event.seatTypes.find((s) => s.remaining > 0)?.key ?? event.seatTypes[0]?.key;
  const seatError = failure?.fields.seatType;
  return (
    <section className="page narrow" aria-labelledby="register-title">
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      <h1 id="register-title">{t("events.register.title")}</h1>
      <p className="lead">
        {formatDateTime(event.startsAt, locale)} · {t("events.register.lead")}
      </p>
      <FormError failure={failure} />
      {failure &&
        Object.entries(failure.fields)
          .filter(([f]) => f === "_" || f === "email")
          .map(([f, message]) => (
            <p key={f} className="error-text" role="alert">
              {message}
            </p>
          ))}
      {guestToken && (
        <Notice tone="info">
          <p>{t("events.register.guestNotice")}</p>
        </Notice>
      )}
      <Form method="post" noValidate>
        {guestToken && <input type="hidden" name="guestToken" value={guestToken} />}
        <fieldset
          className={`choices${seatError ? " field--invalid" : ""}`}
          aria-describedby={seatError ? "seat-error" : undefined}
        >
          <legend>{t("events.register.seatType")}</legend>
          {event.seatTypes.map((s) => {
            const full = s.remaining === 0;
            const disabled = full && !s.waitlist;
            return (
              <label key={s.key} className="choice">
                <input
                  type="radio"
                  name="seatType"
                  value={s.key}
                  defaultChecked={s.key === chosen}
                  disabled={disabled}
                  required
                />
                {s.label}
                {s.eligibility !== "everyone" && ` (${t(`events.eligibility.${s.eligibility as "members"}`)})`}
                {full && ` (${s.waitlist ? t("events.register.full") : t("events.register.fullNoWaitlist")})`}
              </label>
            );
          })}
          {seatError && (
            <p id="seat-error" className="field__error">
              {seatError}
            </p>
          )}
        </fieldset>
        <Field
          name="name"
          label={t("events.register.name")}
          failure={failure}
          required
          autoComplete="name"
          defaultValue={prefill?.name}
        />
        <Field
          name="email"
          type="email"
          label={t("events.register.email")}
          failure={failure}
          required
          autoComplete="email"
          defaultValue={prefill?.email}
        />
        <Field
          name="organisation"
          label={t("events.register.organisation")}
          failure={failure}
          autoComplete="organization"
          defaultValue={prefill?.organisation}
        />
        {prefill?.organisationId && <input type="hidden" name="organisationId" value={prefill.organisationId} />}
        <SelectField
          name="sector"
          label={t("events.register.sector")}
          failure={failure}
          defaultValue={prefill?.sector ?? ""}
          options={[{ value: "", label: "—" }, ...sectors.map((s) => ({ value: s, label: t(`events.sector.${s}`) }))]}
        />
        {event.questions.map((q) => (
          <Field key={q.key} name={`answers.${q.key}`} label={q.label} failure={failure} required={q.required} />
        ))}
        {event.consentText && (
          <fieldset className={`consent${failure?.fields.consent ? " field--invalid" : ""}`}>
            <legend>{t("events.register.consentTitle")}</legend>
            {/* A long text scrolls in its box: focusable and named, so keyboard users can scroll it too. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll it (axe: scrollable-region-focusable) */}
            {/* biome-ignore lint/a11y/useSemanticElements: a scroll box inside the fieldset, not a section of the page */}
            <div className="consent__text" role="region" aria-label={t("events.register.consentTitle")} tabIndex={0}>
              {event.consentText}
            </div>
            <input type="hidden" name="consentShown" value="1" />
            <label className="choice">
              <input type="checkbox" name="consent" defaultChecked={failure?.values.consent === "on"} />{" "}
              {t("events.register.consent")}
            </label>
            {failure?.fields.consent && <p className="field__error">{failure.fields.consent}</p>}
          </fieldset>
        )}
        <div className="actions">
          <SubmitButton>{t("events.register.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

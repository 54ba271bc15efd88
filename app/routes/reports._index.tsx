import { Link, redirect } from "react-router";
import type { Route } from "./+types/reports._index";
import { fiscalYearOf, formatFiscalYear } from "#i18n/dates.ts";
import { Field, Form, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "事業実施報告書 · Chiiki" }];

/** Choosing a year is a plain GET form (?fiscalYear=2020), so it works without script. */
export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const chosen = url.searchParams.get("fiscalYear");
  if (chosen && /^\d{4}$/.test(chosen.trim())) throw redirect(`/reports/${chosen.trim()}`);
  const current = fiscalYearOf(state.services.clock.now());
  return { years: Array.from({ length: 10 }, (_, i) => current - i), invalid: Boolean(chosen) };
}

export default function Reports({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="page narrow" aria-labelledby="reports-title">
      <h1 id="reports-title">{t("reports.title")}</h1>
      <p className="lead">{t("reports.lead")}</p>
      <ul className="plain-list report-years">
        {loaderData.years.map((year) => (
          <li key={year}>
            <Link to={`/reports/${year}`}>
              {formatFiscalYear(year, locale)}
              {locale === "ja" ? `（FY${year}）` : ""}
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="form-grid">
        <Field
          name="fiscalYear"
          label={t("reports.fiscalYear")}
          inputMode="numeric"
          pattern="\d{4}"
          required
          failure={
            loaderData.invalid
              ? {
                  ok: false,
                  code: "validation-failed",
                  message: "",
                  fields: { fiscalYear: t("field.reports-fiscal-year") },
                  values: {},
                }
              : undefined
          }
        />
        <div className="actions">
          <SubmitButton>{t("reports.open")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

import { useT } from "../lib/i18n.ts";
import { Field, Form } from "./form.tsx";

/**
 * The staff's search for a seminar's registrants, on the check-in desk and the registrations list:
 * a GET form on `q` (name or affiliation), so the result is an address one can reload.
 */
export function RegistrantSearch({ q }: { q: string }) {
  const t = useT();
  return (
    <Form method="get" className="filters">
      <Field name="q" label={t("events.checkin.search")} defaultValue={q} />
      <div className="actions">
        <button type="submit" className="button button--secondary">
          {t("events.checkin.searchSubmit")}
        </button>
      </div>
    </Form>
  );
}

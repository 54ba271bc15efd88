import { Link } from "react-router";
import type { Route } from "./+types/secretariat.privacy.$id_.export";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { exportPerson } from "#core/privacy/export-person.ts";
import { exportSections } from "#core/privacy/export-sections.ts";
import { createTranslate } from "#i18n/index.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

export const meta: Route.MetaFunction = () => [
  { title: "保有個人データの開示 · Chiiki" },
  { name: "robots", content: "noindex" },
];

/** The disclosure as a readable page in the person's language (the browser prints it to PDF). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () => exportPerson(privacyDepsFrom(state.services), actor, params.id));
}

export default function PersonExportPage({ loaderData: d }: Route.ComponentProps) {
  const t = createTranslate(d.locale);
  return (
    <article className="page" lang={d.locale} aria-labelledby="export-title">
      <h1 id="export-title">{t("privacy.export.title")}</h1>
      <p className="muted">
        {t("privacy.export.generated", { at: formatDateTime(d.exportedAt, d.locale), ref: d.ref })}
      </p>
      <p>
        <Link reloadDocument to={`/secretariat/privacy/${d.person[0]?.id ?? ""}/export.pdf`} download>
          PDF
        </Link>
      </p>
      {exportSections(d, t, d.locale).map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          {section.lines.length === 0 ? (
            <p>{t("privacy.export.none")}</p>
          ) : (
            <ul className="plain-list">
              {section.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          {section.note && <p className="muted">{section.note}</p>}
        </section>
      ))}
    </article>
  );
}

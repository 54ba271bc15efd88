import { Link } from "react-router";
import type { Route } from "./+types/events.manage.$id.figures";
import { computeEventFigures, type FigureRow } from "#core/events/compute-event-figures.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEventForEditing } from "#core/events/get-event-for-editing.ts";
import { commitInputFromForm } from "#core/events/attendance/attendance-input.ts";
import { commitAttendanceImport } from "#core/events/commit-attendance-import.ts";
import { previewAttendanceImport } from "#core/events/preview-attendance-import.ts";
import { listPressCoverage } from "#core/events/list-press-coverage.ts";
import { recordPressCoverage } from "#core/events/record-press-coverage.ts";
import { sendFeedbackForm } from "#core/events/send-feedback-form.ts";
import { AppError } from "#core/shared/errors.ts";
import { formatDate } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { CountsTable } from "../components/table-wrap.tsx";
import { AttendanceImport, type AttendanceActionData } from "../components/attendance-import.tsx";

export const meta: Route.MetaFunction = () => [{ title: "集計 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const db = state.services.database.db;
  const [event, figures, press] = await orRespond(state, request, () =>
    Promise.all([
      getEventForEditing(db, actor, params.id),
      computeEventFigures(db, state.services.clock, actor, params.id, state.locale),
      listPressCoverage(db, actor, params.id),
    ]),
  );
  const { chartSvg, ...rest } = figures;
  return {
    event: { id: event.id, title: event.title, feedbackSurveyId: event.feedbackSurveyId },
    figures: rest,
    chart: `data:image/svg+xml;base64,${Buffer.from(chartSvg).toString("base64")}`,
    press,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  const deps = eventsDepsFrom(state.services);
  return runForm(state, form, async () => {
    switch (String(form.get("intent"))) {
      case "attendance-preview": {
        const file = form.get("file");
        const preview = await previewAttendanceImport(deps, actor, params.id, {
          file: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null,
          format: String(form.get("format") ?? "") as never,
          minimumMinutes: String(form.get("minimumMinutes") ?? ""),
        });
        return { ok: true as const, intent: "attendance-preview", preview };
      }
      case "attendance-commit": {
        const input = commitInputFromForm({
          report: String(form.get("report") ?? ""),
          minimumMinutes: String(form.get("minimumMinutes") ?? ""),
          decision: (i) => form.get(`rows.${i}.decision`)?.toString() ?? null,
        });
        const result = await commitAttendanceImport(deps, actor, params.id, input);
        return { ok: true as const, intent: "attendance-commit", result };
      }
      case "press": {
        const coverage = { outlet: "", publishedOn: "", url: "", note: "", ...formInput(form) };
        await recordPressCoverage(deps, actor, params.id, coverage as typeof coverage & Record<string, string>);
        return { ok: true as const, intent: "press" };
      }
      case "feedback": {
        const result = await sendFeedbackForm(deps, actor, params.id);
        return { ok: true as const, intent: "feedback", ...result };
      }
      default:
        throw new AppError("bad-request");
    }
  });
}

function FigureTable({ caption, rows, t }: { caption: string; rows: FigureRow[]; t: ReturnType<typeof useT> }) {
  return (
    <CountsTable
      caption={caption}
      rows={rows}
      columns={[
        { heading: t("events.figures.registered"), count: (r) => r.registered },
        { heading: t("events.figures.attended"), count: (r) => r.attended },
        { heading: t("events.figures.noShow"), count: (r) => r.noShow },
      ]}
      rowHeader={(r) => r.label}
      rowHeaderClassName="wrap"
    />
  );
}

export default function Figures({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { event, figures, chart, press } = loaderData;
  const done =
    actionData && !failure
      ? (actionData as {
          intent: string;
          mailed?: number;
        })
      : null;
  return (
    <section className="page" aria-labelledby="figures-title">
      <p>
        <Link to={`/events/manage/${event.id}`}>{event.title}</Link>
      </p>
      <h1 id="figures-title">{t("events.admin.figures")}</h1>
      <FormError failure={failure} />
      {done?.intent === "feedback" && (
        <Notice tone="success">
          <p>{t("events.figures.feedbackSent", { count: done.mailed ?? 0 })}</p>
        </Notice>
      )}
      {done?.intent === "press" && (
        <Notice tone="success">
          <p>{t("events.admin.saved")}</p>
        </Notice>
      )}
      <p className="lead">
        {t("events.figures.summary", {
          registered: figures.total.registered,
          attended: figures.total.attended,
          noShow: figures.total.noShow,
        })}
        {figures.walkIns > 0 && ` ${t("events.figures.walkIns", { count: figures.walkIns })}`}
      </p>
      <figure className="figures-chart">
        <img src={chart} alt={figures.bySector.map((r) => `${r.label} ${r.attended}/${r.registered}`).join(", ")} />
        <figcaption>{t("events.figures.chartCaption")}</figcaption>
      </figure>
      <FigureTable caption={t("events.register.seatType")} rows={figures.bySeatType} t={t} />
      <FigureTable caption={t("events.register.sector")} rows={figures.bySector} t={t} />
      <FigureTable caption={t("events.figures.byRole")} rows={figures.byRole} t={t} />
      <FigureTable caption={t("events.register.organisation")} rows={figures.byOrganisation} t={t} />
      <h2>{t("events.figures.talks")}</h2>
      {figures.talks.length ? (
        <ul className="plain-list">
          {figures.talks.map((talk, i) => (
            <li key={i}>
              {talk.talk}: <strong>{talk.usefulOrBetter === null ? "—" : `${talk.usefulOrBetter}%`}</strong>{" "}
              <span className="muted">
                (n={talk.base ?? 0}, {talk.surveyTitle})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("events.figures.noTalks")}</p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="feedback" />
        <p className="muted">{t("events.figures.feedbackHelp")}</p>
        <SubmitButton className="button button--secondary">{t("events.figures.sendFeedback")}</SubmitButton>
      </Form>
      <AttendanceImport data={actionData as AttendanceActionData} failure={failure} />
      <h2>{t("events.figures.press")}</h2>
      {press.length > 0 && (
        <ul className="plain-list">
          {press.map((p) => (
            <li key={p.id}>
              {p.url ? (
                <a href={p.url} rel="noreferrer">
                  {p.outlet}
                </a>
              ) : (
                p.outlet
              )}
              {p.publishedOn && ` (${formatDate(p.publishedOn, locale)})`}
              {p.note && ` — ${p.note}`}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form-grid">
        <input type="hidden" name="intent" value="press" />
        <Field name="outlet" label={t("events.figures.outlet")} failure={failure} required />
        <Field name="publishedOn" type="date" label={t("events.figures.publishedOn")} failure={failure} />
        <Field name="url" type="url" label={t("events.figures.url")} failure={failure} />
        <Field name="note" label={t("events.figures.note")} failure={failure} />
        <div className="actions">
          <SubmitButton className="button button--secondary">{t("events.figures.addPress")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

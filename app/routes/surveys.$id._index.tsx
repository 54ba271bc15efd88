import { Link } from "react-router";
import type { Route } from "./+types/surveys.$id._index";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { deleteResponse } from "#core/surveys/delete-response.ts";
import { getSurveyOverview } from "#core/surveys/get-survey-overview.ts";
import { inviteRespondents } from "#core/surveys/invite-respondents.ts";
import { sendReminders } from "#core/surveys/send-reminders.ts";
import { exclusionReasons, setResponseValidity } from "#core/surveys/set-response-validity.ts";
import { updateSurvey } from "#core/surveys/update-survey.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { qrDataUri } from "../lib/qr.server.ts";
import { isoToJapanLocal, japanLocalToIso } from "./surveys.forms.server.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.survey.title ?? ""} · アンケート · Chiiki` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, async () => {
    const survey = await getSurveyOverview(surveysDepsFrom(state.services), actor, params.id, state.locale);
    const link = `${state.services.env.baseUrl}/s/${survey.id}`;
    return {
      survey: {
        ...survey,
        definition: undefined,
        questions: survey.questions.map((q) => ({ name: q.name, title: q.title })),
      },
      dates: { opensAt: isoToJapanLocal(survey.opensAt), closesAt: isoToJapanLocal(survey.closesAt) },
      link,
      qr: await qrDataUri(link),
    };
  });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  const deps = surveysDepsFrom(state.services);
  return runForm(state, form, async () => {
    switch (form.get("intent")) {
      case "settings": {
        await updateSurvey(deps, actor, params.id, {
          title: String(form.get("title") ?? ""),
          access: form.get("access") === "invitation" ? "invitation" : "public",
          status: String(form.get("status")) as "draft" | "open" | "closed",
          opensAt: japanLocalToIso(form.get("opensAt")),
          closesAt: japanLocalToIso(form.get("closesAt")),
        });
        return { ok: true as const, notice: state.t("surveys.overview.saved") };
      }
      case "invite": {
        const emails = String(form.get("emails") ?? "")
          .split(/[\s,;、]+/)
          .filter(Boolean);
        const organisationIds = String(form.get("organisationIds") ?? "")
          .split(/[\s,]+/)
          .filter(Boolean);
        const result = await inviteRespondents(deps, actor, params.id, {
          emails,
          organisationIds,
          locale: state.locale,
        });
        return { ok: true as const, notice: state.t("surveys.overview.invited", result) };
      }
      case "remind": {
        const result = await sendReminders(deps, actor, params.id, state.locale);
        return { ok: true as const, notice: state.t("surveys.overview.reminded", result) };
      }
      case "exclude-response":
        // The reason is checked by the core schema (422 on `reason`).
        await setResponseValidity(deps, actor, params.id, String(form.get("responseId") ?? "").trim(), {
          valid: false,
          reason: String(form.get("reason") ?? "") as (typeof exclusionReasons)[number],
          note: String(form.get("note") ?? ""),
        });
        return { ok: true as const, notice: state.t("surveys.overview.responseExcluded") };
      case "restore-response":
        await setResponseValidity(deps, actor, params.id, String(form.get("responseId") ?? "").trim(), {
          valid: true,
        });
        return { ok: true as const, notice: state.t("surveys.overview.responseRestored") };
      case "delete-response":
        await deleteResponse(deps, actor, params.id, String(form.get("responseId") ?? "").trim());
        return { ok: true as const, notice: state.t("surveys.overview.responseDeleted") };
      default:
        return { ok: true as const, notice: "" };
    }
  });
}

export default function SurveyOverview({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const notice = actionData && "notice" in actionData ? String(actionData.notice) : "";
  const { survey, link, qr } = loaderData;
  const exports = [
    ["responses.csv", t("surveys.export.responsesCsv")],
    ["responses.csv?encoding=cp932", t("files.export.responsesCsvCp932")],
    ["responses.xlsx", t("surveys.export.responsesXlsx")],
    ["results.xlsx", t("surveys.export.resultsXlsx")],
    ["definition.json", t("surveys.export.definition")],
  ] as const;
  return (
    <div className="stack">
      <p>
        <Link to="/surveys">← {t("surveys.list.title")}</Link>
      </p>
      <h1>{survey.title}</h1>
      {notice && (
        <Notice tone="success">
          <p>{notice}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <section className="page" aria-labelledby="ov-answers">
        <h2 id="ov-answers">{t("surveys.overview.answers")}</h2>
        <p>
          {t("surveys.overview.counts", { complete: survey.responses.complete, partial: survey.responses.partial })}
          {survey.responses.excluded > 0 &&
            ` ${t("surveys.overview.excludedCount", { count: survey.responses.excluded })}`}
        </p>
        <div className="inline-actions">
          <Link className="button" to={`/surveys/${survey.id}/results`}>
            {t("surveys.overview.results")}
          </Link>
          <Link className="button button--secondary" to={`/surveys/${survey.id}/edit`}>
            {t("surveys.overview.edit")}
          </Link>
          <Link className="button button--secondary" to={`/surveys/${survey.id}/import`}>
            {t("surveys.overview.import")}
          </Link>
          <Link className="button button--secondary" to={`/surveys/${survey.id}/mapping`}>
            {t("surveys.mapping.link")}
          </Link>
        </div>
        <h3>{t("surveys.overview.exports")}</h3>
        <ul>
          {exports.map(([file, label]) => (
            <li key={file}>
              <Link reloadDocument to={`/surveys/${survey.id}/export/${file}`} download>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="page" aria-labelledby="ov-link">
        <h2 id="ov-link">{t("surveys.overview.distribute")}</h2>
        <p>
          {survey.accepting
            ? t("surveys.status.accepting")
            : t(`surveys.status.${survey.status as "draft" | "open" | "closed"}`)}
        </p>
        {survey.access === "public" ? (
          <>
            <p className="sv-link">
              <a href={link}>{link}</a>
            </p>
            <img className="sv-qr" src={qr} alt={t("surveys.overview.qrAlt")} />
          </>
        ) : (
          <p>{t("surveys.overview.invitationOnly")}</p>
        )}
        <h3>{t("surveys.overview.progress")}</h3>
        <p data-testid="invitation-progress">
          {t("surveys.overview.progressCounts", {
            invited: survey.invitations.invited,
            started: survey.invitations.started,
            completed: survey.invitations.completed,
          })}
          {survey.invitations.rate !== null && ` ${t("surveys.overview.rate", { rate: survey.invitations.rate })}`}
          {survey.invitations.validRate !== null &&
            ` ${t("surveys.overview.validRate", { rate: survey.invitations.validRate })}`}
        </p>
        {survey.invitations.byOrganisation.length > 0 && (
          <TableWrap label={t("surveys.overview.rateByOrganisation")}>
            <table>
              <caption>{t("surveys.overview.rateByOrganisation")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("surveys.overview.organisation")}</th>
                  <th scope="col">{t("surveys.overview.invitedCount")}</th>
                  <th scope="col">{t("surveys.overview.answeredCount")}</th>
                  <th scope="col">{t("surveys.overview.rateColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {survey.invitations.byOrganisation.map((o) => (
                  <tr key={o.organisationId}>
                    <th scope="row">{o.name}</th>
                    <td>{o.invited}</td>
                    <td>{o.completed}</td>
                    <td>{o.rate === null ? "—" : `${o.rate}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <div className="field">
            <label htmlFor="emails">{t("surveys.overview.emails")}</label>
            <textarea id="emails" name="emails" rows={3} />
          </div>
          <Field
            name="organisationIds"
            label={t("surveys.overview.organisations")}
            hint={t("surveys.overview.organisationsHint")}
            failure={failure}
          />
          <div className="actions">
            <SubmitButton>{t("surveys.overview.invite")}</SubmitButton>
          </div>
        </Form>
        {survey.invitations.invited > survey.invitations.completed && (
          <Form method="post">
            <input type="hidden" name="intent" value="remind" />
            <div className="actions">
              <SubmitButton className="button button--secondary">{t("surveys.overview.remind")}</SubmitButton>
            </div>
          </Form>
        )}
        {survey.invitations.list.length > 0 && (
          <TableWrap label={t("surveys.table")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("label.email")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("surveys.overview.invitedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {survey.invitations.list.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{t(`surveys.invitation.${i.state as "invited" | "started" | "completed"}`)}</td>
                    <td>{formatDateTime(i.invitedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="page" aria-labelledby="ov-settings">
        <h2 id="ov-settings">{t("surveys.overview.settings")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <Field name="title" label={t("surveys.field.title")} defaultValue={survey.title} failure={failure} required />
          <SelectField
            name="status"
            label={t("common.status")}
            defaultValue={survey.status}
            failure={failure}
            options={[
              { value: "draft", label: t("surveys.status.draft") },
              { value: "open", label: t("surveys.overview.statusOpen") },
              { value: "closed", label: t("surveys.status.closed") },
            ]}
          />
          <SelectField
            name="access"
            label={t("surveys.field.access")}
            defaultValue={survey.access}
            failure={failure}
            options={[
              { value: "public", label: t("surveys.access.public") },
              { value: "invitation", label: t("surveys.access.invitation") },
            ]}
          />
          <Field
            name="opensAt"
            type="datetime-local"
            label={t("surveys.field.opensAt")}
            defaultValue={loaderData.dates.opensAt}
            failure={failure}
          />
          <Field
            name="closesAt"
            type="datetime-local"
            label={t("surveys.field.closesAt")}
            defaultValue={loaderData.dates.closesAt}
            failure={failure}
          />
          <div className="actions">
            <SubmitButton>{t("common.save")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="page" aria-labelledby="ov-exclude">
        <h2 id="ov-exclude">{t("surveys.overview.exclude")}</h2>
        <p className="field__hint">{t("surveys.overview.excludeHint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="exclude-response" />
          <Field name="responseId" label={t("surveys.overview.responseId")} failure={failure} required />
          <SelectField
            name="reason"
            label={t("surveys.overview.excludeReason")}
            failure={failure}
            defaultValue="duplicate"
            options={exclusionReasons.map((r) => ({ value: r, label: t(`surveys.exclusion.${r}`) }))}
          />
          <Field name="note" label={t("surveys.overview.excludeNote")} failure={failure} />
          <div className="actions">
            <SubmitButton className="button button--secondary">{t("surveys.overview.exclude")}</SubmitButton>
          </div>
        </Form>
        {survey.responses.excludedList.length > 0 && (
          <TableWrap label={t("surveys.overview.excludedList")}>
            <table>
              <caption>{t("surveys.overview.excludedList")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("surveys.overview.responseId")}</th>
                  <th scope="col">{t("surveys.overview.excludeReason")}</th>
                  <th scope="col">{t("surveys.overview.excludedAt")}</th>
                  <th scope="col">{t("surveys.overview.restore")}</th>
                </tr>
              </thead>
              <tbody>
                {survey.responses.excludedList.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <code>{r.id}</code>
                    </th>
                    <td className="wrap">
                      {t(`surveys.exclusion.${r.reason}`)}
                      {r.note ? `：${r.note}` : ""}
                    </td>
                    <td>{formatDateTime(r.excludedAt, locale)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="restore-response" />
                        <input type="hidden" name="responseId" value={r.id} />
                        <SubmitButton className="button button--secondary">
                          {t("surveys.overview.restore")}
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="page" aria-labelledby="ov-delete">
        <h2 id="ov-delete">{t("surveys.overview.deleteResponse")}</h2>
        <p className="field__hint">{t("surveys.overview.deleteResponseHint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="delete-response" />
          <Field name="responseId" label={t("surveys.overview.responseId")} failure={failure} />
          <div className="actions">
            <SubmitButton className="button button--danger">{t("surveys.overview.deleteResponse")}</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}

import type { Route } from "./+types/secretariat.privacy.$id_.export";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { exportPerson } from "#core/privacy/export-person.ts";
import { createTranslate } from "#i18n/index.ts";
import { formatDate, formatDateTime } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "保有個人データの開示 · Chiiki" }, { name: "robots", content: "noindex" }];

/** The disclosure as a readable page in the person's language (the browser prints it to PDF). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () => exportPerson(privacyDepsFrom(state.services), actor, params.id));
}

export default function PersonExportPage({ loaderData: d }: Route.ComponentProps) {
  const locale = d.locale;
  const t = createTranslate(locale);
  const when = (value: string | null) => (value ? formatDateTime(value, locale) : "");
  const none = <p>{t("privacy.export.none")}</p>;
  // An empty value would collapse its row of the list: say so instead.
  const value = (text: string | null | undefined) => text?.trim() || t("privacy.export.none");
  const list = <T,>(items: T[], render: (item: T) => React.ReactNode) =>
    items.length === 0 ? none : <ul>{items.map((item, i) => <li key={i}>{render(item)}</li>)}</ul>;
  return (
    <article className="page" lang={locale} aria-labelledby="export-title">
      <h1 id="export-title">{t("privacy.export.title")}</h1>
      <p className="muted">{t("privacy.export.generated", { at: when(d.exportedAt), ref: d.ref })}</p>

      <h2>{t("privacy.export.person")}</h2>
      {d.person.length === 0 ? none : d.person.map((p) => (
        <dl className="facts" key={p.id}>
          <dt>{t("privacy.export.name")}</dt><dd>{value(`${p.familyName} ${p.givenName}`)}</dd>
          <dt>{t("privacy.export.reading")}</dt><dd>{value(`${p.familyReading} ${p.givenReading}`)}</dd>
          <dt>{t("privacy.export.organisation")}</dt><dd>{value(p.organisation?.name)}</dd>
          <dt>{t("privacy.export.department")}</dt><dd>{value([p.department, p.title].filter(Boolean).join(" "))}</dd>
          <dt>{t("privacy.export.email")}</dt><dd>{value(p.email)}</dd>
          <dt>{t("privacy.export.phone")}</dt><dd>{value(p.phone)}</dd>
          <dt>{t("privacy.export.mailOptIn")}</dt><dd>{p.mailOptIn ? t("privacy.export.yes") : t("privacy.export.no")}</dd>
          <dt>{t("privacy.export.qualifications")}</dt>
          <dd>{p.qualifications.map((q) => [q.kind, q.name, q.registrationNumber].filter(Boolean).join(" ")).join("、") || t("privacy.export.none")}</dd>
          <dt>{t("privacy.export.trainings")}</dt>
          <dd>{p.trainings.map((x) => [x.title, x.provider, x.attendedOn && formatDate(x.attendedOn, locale)].filter(Boolean).join(" ")).join("、") || t("privacy.export.none")}</dd>
        </dl>
      ))}

      <h2>{t("privacy.export.groups")}</h2>
      {list([...d.groupMemberships.map((g) => g.group), ...d.officerRoles.map((o) => `${o.group} ${o.role}`)], (x) => x)}
      <h2>{t("privacy.export.meetings")}</h2>
      {list([...d.meetings.map((m) => `${when(m.startsAt)} ${m.title}`), ...d.activities.map((a) => `${formatDate(a.heldOn, locale)} ${a.title}`)], (x) => x)}
      <h2>{t("privacy.export.registrations")}</h2>
      {list(d.registrations, (r) => (
        <>{when(r.startsAt)} {r.event} · {r.name} &lt;{r.email}&gt; · {r.status}
          {r.checkedInAt && <> · {t("privacy.export.checkedIn")} {when(r.checkedInAt)}</>}
          {r.answers && typeof r.answers === "object" && Object.keys(r.answers).length > 0 && <> · {JSON.stringify(r.answers)}</>}
        </>
      ))}
      <h2>{t("privacy.export.surveys")}</h2>
      {list(d.surveyInvitations, (s) => <>{s.survey} · {s.email} · {s.state} · {when(s.invitedAt)}</>)}
      <p className="muted">{t("privacy.export.surveysNote")}</p>
      <h2>{t("privacy.export.mailings")}</h2>
      {list([...d.mailingRecipients.map((m) => `${when(m.createdAt)} ${m.mailing} (${m.status})`), ...d.mails.map((m) => `${when(m.createdAt)} ${m.subject} (${m.status})`)], (x) => x)}
      <h2>{t("privacy.export.downloads")}</h2>
      {list(d.downloads, (x) => <>{when(x.at)} {x.subjectType} {x.subjectId} · {x.mode} {x.tlp ?? ""}</>)}
      <h2>{t("privacy.export.account")}</h2>
      {d.account === null ? none : (
        <dl className="facts">
          <dt>{t("privacy.export.name")}</dt><dd>{d.account.name}</dd>
          <dt>{t("privacy.export.email")}</dt><dd>{d.account.email}</dd>
          <dt>{t("privacy.export.roles")}</dt><dd>{d.account.roles.map((r) => [r.role, r.scopeId].filter(Boolean).join(" ")).join("、") || t("privacy.export.none")}</dd>
          <dt>{t("privacy.export.tokens")}</dt><dd>{d.account.apiTokens.map((x) => x.name).join("、") || t("privacy.export.none")}</dd>
          <dd>{t("privacy.export.sessions", { count: d.account.sessions })}</dd>
        </dl>
      )}
      <h2>{t("privacy.export.other")}</h2>
      {list([
        ...d.speakerRecords.map((s) => `${s.event} · ${s.session} · ${s.name}`),
        ...d.talkMaterials.map((m) => `${m.title} · ${m.speakerName}`),
        ...d.mailSuppressions.map((m) => `${m.email} · ${m.reason} · ${when(m.createdAt)}`),
        ...d.invitations.map((i) => `${i.name} <${i.email}> · ${i.role} · ${when(i.createdAt)}`),
      ], (x) => x)}
      <h2>{t("privacy.export.audit")}</h2>
      {list(d.auditEvents, (e) => <>{when(e.at)} · {e.action} · {e.actor}</>)}
    </article>
  );
}

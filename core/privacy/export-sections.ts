import { formatDate, formatDateTime } from "../../i18n/dates.ts";
import type { Locale, Translate } from "../../i18n/index.ts";
import type { PersonExport } from "./export-person.ts";

export interface ExportSection {
  heading: string;
  lines: string[];
  note?: string;
}

/**
 * The disclosure as headed lists of lines, in the person's language: the one wording both the
 * readable page and the PDF print.
 */
export function exportSections(d: PersonExport, t: Translate, locale: Locale): ExportSection[] {
  const when = (value: string | null) => (value ? formatDateTime(value, locale) : "");
  const day = (value: string | null) => (value ? formatDate(value, locale) : "");
  const field = (label: string, value: string | null | undefined) =>
    `${label}: ${value?.trim() || t("privacy.export.none")}`;
  return [
    {
      heading: t("privacy.export.person"),
      lines: d.person.flatMap((p) => [
        field(t("privacy.export.name"), `${p.familyName} ${p.givenName}`),
        field(t("privacy.export.reading"), `${p.familyReading} ${p.givenReading}`),
        field(t("privacy.export.organisation"), p.organisation?.name),
        field(t("privacy.export.department"), [p.department, p.title].filter(Boolean).join(" ")),
        field(t("privacy.export.email"), p.email),
        field(t("privacy.export.phone"), p.phone),
        field(t("privacy.export.mailOptIn"), p.mailOptIn ? t("privacy.export.yes") : t("privacy.export.no")),
        field(
          t("privacy.export.qualifications"),
          p.qualifications.map((q) => [q.kind, q.name, q.registrationNumber].filter(Boolean).join(" ")).join("、"),
        ),
        field(
          t("privacy.export.trainings"),
          p.trainings.map((x) => [x.title, x.provider, day(x.attendedOn)].filter(Boolean).join(" ")).join("、"),
        ),
      ]),
    },
    {
      heading: t("privacy.export.groups"),
      lines: [...d.groupMemberships.map((g) => g.group), ...d.officerRoles.map((o) => `${o.group} ${o.role}`)],
    },
    {
      heading: t("privacy.export.meetings"),
      lines: [
        ...d.meetings.map((m) => `${when(m.startsAt)} ${m.title}`),
        ...d.activities.map((a) => `${day(a.heldOn)} ${a.title}`),
      ],
    },
    {
      heading: t("privacy.export.registrations"),
      lines: d.registrations.map((r) =>
        [
          `${when(r.startsAt)} ${r.event}`,
          `${r.name} <${r.email}>`,
          r.status,
          r.checkedInAt ? `${t("privacy.export.checkedIn")} ${when(r.checkedInAt)}` : "",
          r.answers && typeof r.answers === "object" && Object.keys(r.answers).length > 0
            ? JSON.stringify(r.answers)
            : "",
        ]
          .filter(Boolean)
          .join(" · "),
      ),
    },
    {
      heading: t("privacy.export.surveys"),
      note: t("privacy.export.surveysNote"),
      lines: d.surveyInvitations.map((s) => `${s.survey} · ${s.email} · ${s.state} · ${when(s.invitedAt)}`),
    },
    {
      heading: t("privacy.export.mailings"),
      lines: [
        ...d.mailingRecipients.map((m) => `${when(m.createdAt)} ${m.mailing} (${m.status})`),
        ...d.mails.map((m) => `${when(m.createdAt)} ${m.subject} (${m.status})`),
      ],
    },
    {
      heading: t("privacy.export.downloads"),
      lines: d.downloads.map((x) => `${when(x.at)} ${x.subjectType} ${x.subjectId} · ${x.mode} ${x.tlp ?? ""}`.trim()),
    },
    {
      heading: t("privacy.export.account"),
      lines:
        d.account === null
          ? []
          : [
              field(t("privacy.export.name"), d.account.name),
              field(t("privacy.export.email"), d.account.email),
              field(
                t("privacy.export.roles"),
                d.account.roles.map((r) => [r.role, r.scopeId].filter(Boolean).join(" ")).join("、"),
              ),
              field(t("privacy.export.tokens"), d.account.apiTokens.map((x) => x.name).join("、")),
              field(
                t("privacy.export.programmes"),
                d.account.programmes.map((p) => `${p.name} (${day(p.since)})`).join("、"),
              ),
              t("privacy.export.sessions", { count: d.account.sessions }),
            ],
    },
    {
      heading: t("privacy.export.other"),
      lines: [
        ...d.speakerRecords.map((s) => `${s.event} · ${s.session} · ${s.name}`),
        ...d.talkMaterials.map((m) => `${m.title} · ${m.speakerName}`),
        ...d.guestInvitations.map((g) => `${g.event} · ${g.name} <${g.email}> · ${when(g.createdAt)}`),
        ...d.mailSuppressions.map((m) => `${m.email} · ${m.reason} · ${when(m.createdAt)}`),
        ...d.invitations.map((i) => `${i.name} <${i.email}> · ${i.role} · ${when(i.createdAt)}`),
      ],
    },
    {
      heading: t("privacy.export.audit"),
      lines: [
        ...d.auditEvents.map((e) => `${when(e.at)} · ${e.action} · ${e.actor}`),
        ...d.programmeAuditEvents.map((e) => `${when(e.at)} · ${e.action} · ${e.programme}`),
      ],
    },
  ];
}

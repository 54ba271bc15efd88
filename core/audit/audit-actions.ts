/**
 * Every action the audit log records, once: the log's page reads them as labels
 * (`audit.action.<action>` in the catalogs), groups them by kind, and finds what left the server.
 * `recordAuditEvent` takes only these, so a new action fails the type check until it is listed.
 */
export const auditKinds = [
  "accounts",
  "community",
  "events",
  "surveys",
  "sharing",
  "mailings",
  "reports",
  "system",
  "privacy",
] as const;
export type AuditKind = (typeof auditKinds)[number];

export const auditActions = {
  "installation.create": { kind: "system" },
  "backup.create": { kind: "system", leavesServer: true },
  "backup.restore": { kind: "system" },
  "user.create": { kind: "accounts" },
  "session.create": { kind: "accounts" },
  "user.two-factor": { kind: "accounts" },
  "user.password-change": { kind: "accounts" },
  "user.password-set": { kind: "accounts" },
  "invitation.create": { kind: "accounts" },
  "invitation.accept": { kind: "accounts" },
  "api-token.create": { kind: "accounts" },
  "api-token.revoke": { kind: "accounts" },
  "organisation.create": { kind: "community" },
  "organisation.update": { kind: "community" },
  "organisation.delete": { kind: "community" },
  "organisation.merge": { kind: "community" },
  "person.create": { kind: "community" },
  "person.update": { kind: "community" },
  "person.delete": { kind: "community" },
  "agreement.create": { kind: "community" },
  "agreement.update": { kind: "community" },
  "agreement.delete": { kind: "community" },
  "agreement.attach": { kind: "community" },
  "agreement.download": { kind: "community", leavesServer: true },
  "group.create": { kind: "community" },
  "group.update": { kind: "community" },
  "group.delete": { kind: "community" },
  "meeting.create": { kind: "community" },
  "meeting.update": { kind: "community" },
  "meeting.delete": { kind: "community" },
  "decision.update": { kind: "community" },
  "activity.create": { kind: "community" },
  "activity.update": { kind: "community" },
  "activity.delete": { kind: "community" },
  "community.import": { kind: "community" },
  "community.export": { kind: "community", leavesServer: true },
  "event.create": { kind: "events" },
  "event.update": { kind: "events" },
  "event.seat-type.update": { kind: "events" },
  "event.attendance.import": { kind: "events" },
  "event.feedback.send": { kind: "events" },
  "event.press-coverage.create": { kind: "events" },
  "event.reminders.send": { kind: "events" },
  "registration.create": { kind: "events" },
  "registration.cancel": { kind: "events" },
  "registration.check-in": { kind: "events" },
  "registration.move": { kind: "events" },
  "registration.promote": { kind: "events" },
  "survey.create": { kind: "surveys" },
  "survey.update": { kind: "surveys" },
  "survey.import": { kind: "surveys" },
  "survey.invite": { kind: "surveys" },
  "survey.remind": { kind: "surveys" },
  "survey.demo-load": { kind: "surveys" },
  "survey.question-add": { kind: "surveys" },
  "survey.question-update": { kind: "surveys" },
  "survey.question-move": { kind: "surveys" },
  "survey.question-remove": { kind: "surveys" },
  "survey-response.complete": { kind: "surveys" },
  "survey-response.delete": { kind: "surveys" },
  "post.create": { kind: "sharing" },
  "post.update": { kind: "sharing" },
  "post.attach": { kind: "sharing" },
  "material.upload": { kind: "sharing" },
  "material.download": { kind: "sharing", leavesServer: true },
  "material.consent": { kind: "sharing" },
  "material.consent-request": { kind: "sharing" },
  "material.consent-withdraw": { kind: "sharing" },
  "feed.subscribe": { kind: "sharing" },
  "feed.fetch": { kind: "sharing" },
  "personal-feed.issue": { kind: "sharing" },
  "mailing.create": { kind: "mailings" },
  "mailing.test-send": { kind: "mailings" },
  "mailing.submit": { kind: "mailings" },
  "mailing.approve": { kind: "mailings" },
  "mailing.cancel": { kind: "mailings" },
  "mailing.confirm-late": { kind: "mailings" },
  "mailing.resend": { kind: "mailings" },
  "mailing.unsubscribe": { kind: "mailings" },
  "report.edit": { kind: "reports" },
  "report.export": { kind: "reports", leavesServer: true },
  "personal-feed.rotate": { kind: "sharing" },
  "personal-feed.revoke": { kind: "sharing" },
  "survey-text.review": { kind: "surveys" },
  "privacy.export": { kind: "privacy", leavesServer: true },
  "privacy.erase": { kind: "privacy" },
  "privacy.erase-link": { kind: "privacy" },
  "privacy.retention-update": { kind: "privacy" },
  "privacy.retention-apply": { kind: "privacy" },
  "event.registrants.export": { kind: "events", leavesServer: true },
  "survey.export": { kind: "surveys", leavesServer: true },
} as const satisfies Record<string, { kind: AuditKind; leavesServer?: true }>;

export type AuditAction = keyof typeof auditActions;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}

/** The actions of one kind, or (`exports`) every action by which data left the server. */
export function auditActionsOf(kind: AuditKind | "exports"): AuditAction[] {
  return (Object.keys(auditActions) as AuditAction[]).filter((action) => {
    const entry: { kind: AuditKind; leavesServer?: true } = auditActions[action];
    return kind === "exports" ? entry.leavesServer === true : entry.kind === kind;
  });
}

import { Link, redirect } from "react-router";
import { deletePerson } from "#core/community/delete-person.ts";
import { getPerson } from "#core/community/get-person.ts";
import { linkPersonAccount } from "#core/community/link-person-account.ts";
import { unlinkPersonAccount } from "#core/community/unlink-person-account.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.people.$id._index";
import { Field, failureOf, Form, Notice, SubmitButton } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? `${loaderData.record.familyName} ${loaderData.record.givenName}` : "人"} · Chiiki` },
];

export const loader = (args: Route.LoaderArgs) => loadRecordPage(args, getPerson);

/**
 * Three forms post here: the secretariat links an account to this person (by its address) or
 * unlinks it; removing a person shows their organisation, where they were listed.
 */
export const action = (args: Route.ActionArgs) =>
  recordPageAction(args, async (call) => {
    const intent = call.form.get("intent");
    if (intent === "link-account") {
      await linkPersonAccount(call.deps, call.actor, call.id, { accountEmail: call.form.get("accountEmail") });
      throw redirect(`/community/people/${call.id}?saved=account`);
    }
    if (intent === "unlink-account") {
      await unlinkPersonAccount(call.deps, call.actor, call.id);
      throw redirect(`/community/people/${call.id}?saved=account`);
    }
    return deleteConfirmed(call, deletePerson, async () => {
      const person = await getPerson(call.deps, call.actor, call.id);
      return person.organisationId ? `/community/organisations/${person.organisationId}` : "/community/people";
    });
  });

export default function PersonPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: p, secretariat, meetings, saved } = loaderData;
  return (
    <section className="page" aria-labelledby="person-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      {saved && (
        <Notice tone="success">
          <p>{t("community.saved")}</p>
        </Notice>
      )}
      <h1 id="person-title">
        {p.familyName} {p.givenName}
      </h1>
      {(p.familyReading || p.givenReading) && (
        <p className="muted">
          {p.familyReading} {p.givenReading}
        </p>
      )}
      <Dl
        items={[
          [
            t("community.field.organisation"),
            p.organisationId ? (
              <Link key="value" to={`/community/organisations/${p.organisationId}`}>
                {p.organisationName}
              </Link>
            ) : null,
          ],
          [t("community.field.department"), p.department],
          [t("community.field.title"), p.title],
          [t("community.field.email"), p.email],
          [t("community.field.phone"), p.phone],
          [t("community.field.mailOptIn"), p.mailOptIn ? t("common.yes") : t("common.no")],
          [
            t("community.field.officers"),
            p.roles.length
              ? p.roles.map((r, i) => (
                  <span key={i}>
                    {i > 0 && "、"}
                    <Link to={`/community/groups/${r.groupId}`}>{r.groupName}</Link> {r.role}
                  </span>
                ))
              : null,
          ],
          [t("community.field.notes"), p.notes],
        ]}
      />
      <p>
        <Link className="button button--secondary" to={`/community/people/${p.id}/edit`}>
          {t("community.edit")}
        </Link>
      </p>
      <h2 id="account-link-title">{t("community.person.account")}</h2>
      {p.account ? (
        <p>
          {p.account.name} <span className="mono">{p.account.email}</span>
        </p>
      ) : (
        <p>{t("community.person.accountNone")}</p>
      )}
      <p className="field__hint">{t("community.person.accountHint")}</p>
      {secretariat &&
        (p.account ? (
          <Form method="post" aria-labelledby="account-link-title">
            <input type="hidden" name="intent" value="unlink-account" />
            <SubmitButton className="button button--secondary">{t("community.person.unlinkAccount")}</SubmitButton>
          </Form>
        ) : (
          <Form method="post" noValidate aria-labelledby="account-link-title">
            <input type="hidden" name="intent" value="link-account" />
            <Field
              name="accountEmail"
              type="email"
              label={t("community.person.accountEmail")}
              failure={failureOf(actionData)}
              defaultValue={p.email ?? ""}
              autoComplete="off"
            />
            <div className="actions">
              <SubmitButton>{t("community.person.linkAccount")}</SubmitButton>
            </div>
          </Form>
        ))}
      <h2>{t("community.field.qualifications")}</h2>
      {p.qualifications.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {p.qualifications.map((q) => (
            <li key={q.id}>
              {q.kind === "other" && q.name ? q.name : label(t, "qualification", q.kind)}
              {q.registrationNumber && (
                <span className="muted">
                  {" "}
                  · {t("community.field.registrationNumber")} {q.registrationNumber}
                </span>
              )}
              {q.renewalDueOn && (
                <span className="muted">
                  {" "}
                  · {t("community.field.renewalDueOn")} {formatDate(q.renewalDueOn, locale)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("community.field.trainings")}</h2>
      {p.trainings.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {p.trainings.map((x) => (
            <li key={x.id}>
              {x.title}
              {x.provider && <span className="muted"> · {x.provider}</span>}
              {x.attendedOn && <span className="muted"> · {formatDate(x.attendedOn, locale)}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("community.delete")}</h2>
      <DeleteForm failure={failureOf(actionData)} />
    </section>
  );
}

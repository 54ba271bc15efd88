import { Link, redirect } from "react-router";
import { isRegistryAdmin } from "#core/community/access.ts";
import { deleteOrganisation } from "#core/community/delete-organisation.ts";
import { getOrganisation } from "#core/community/get-organisation.ts";
import { getOrganisationPosture } from "#core/community/get-organisation-posture.ts";
import { type PostureKind, postureKinds, postureLevels, SELF_CHECK_KIND } from "#core/community/posture-codes.ts";
import type { SelfCheckBand } from "#core/surveys/self-check-score.ts";
import { recordPosture } from "#core/community/record-posture.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { mergeOrganisations } from "#core/community/merge-organisations.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.organisations.$id._index";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.name ?? "団体"} · Chiiki` },
];

/** The secretariat may merge a duplicate into this organisation: the choices are every other one. */
export const loader = (args: Route.LoaderArgs) =>
  loadRecordPage(args, getOrganisation, {
    more: async (deps, actor, organisation) => ({
      mergeChoices: isRegistryAdmin(actor)
        ? (await listFormOptions(deps, actor)).organisations.filter((o) => o.id !== organisation.id)
        : [],
      // The posture is the secretariat's and the organisation's own contacts' (full access) only.
      posture: organisation.access === "full" ? await getOrganisationPosture(deps, actor, organisation.id) : null,
    }),
  });

export const action = (args: Route.ActionArgs) =>
  recordPageAction(args, async (call) => {
    if (call.form.get("intent") === "posture") {
      const field = (name: string) => String(call.form.get(name) ?? "");
      await recordPosture(call.deps, call.actor, call.id, {
        kind: field("kind"),
        level: field("level"),
        reference: field("reference"),
        since: field("since"),
        validUntil: field("validUntil"),
        note: field("note"),
      });
      throw redirect(`/community/organisations/${call.id}?saved=posture#posture-title`);
    }
    if (call.form.get("intent") === "merge") {
      await mergeOrganisations(call.deps, call.actor, { duplicateId: call.form.get("duplicateId"), keepId: call.id });
      throw redirect(`/community/organisations/${call.id}?saved=merged`);
    }
    return deleteConfirmed(call, deleteOrganisation, "/community/organisations");
  });

export default function OrganisationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: o, secretariat, meetings, mergeChoices, saved, posture } = loaderData;
  const levelOptions = Object.entries(postureLevels).flatMap(([kind, levels]) =>
    levels.map((level) => ({
      value: level,
      label: `${t(`community.posture.kind.${kind as PostureKind}`)}: ${t(`community.posture.level.${level}`)}`,
    })),
  );
  const failure = failureOf(actionData);
  return (
    <section className="page" aria-labelledby="organisation-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      {saved && (
        <Notice tone="success">
          <p>
            {t(
              saved === "merged"
                ? "community.merged"
                : saved === "posture"
                  ? "community.posture.recorded"
                  : "community.saved",
            )}
          </p>
        </Notice>
      )}
      <h1 id="organisation-title">{o.name}</h1>
      {o.reading && <p className="muted">{o.reading}</p>}
      {o.mergedIntoId && (
        <Notice>
          <p>
            {t("community.mergedInto")} <Link to={`/community/organisations/${o.mergedIntoId}`}>→</Link>
          </p>
        </Notice>
      )}
      {o.access === "public" && <p className="lead">{t("community.publicOnly")}</p>}
      <Dl
        items={[
          [t("community.field.sector"), label(t, "sector", o.sector)],
          [t("community.field.prefecture"), label(t, "prefecture", o.prefecture)],
          [t("community.field.membership"), label(t, "membership", o.membership)],
          [t("community.field.membershipType"), o.membershipType],
          [t("community.field.memberSince"), o.memberSince ? formatDate(o.memberSince, locale) : null],
          [t("community.field.industry"), label(t, "industry", o.industry)],
          [t("community.field.sizeBand"), label(t, "size", o.sizeBand)],
          [
            t("community.field.website"),
            o.website ? (
              <a key="value" href={o.website} rel="noopener noreferrer">
                {o.website}
              </a>
            ) : null,
          ],
          [t("community.organisation.corporateNumber"), o.corporateNumber ?? null],
          [t("community.field.address"), o.address],
          [t("community.field.notes"), o.notes],
        ]}
      />
      {o.access === "full" && (
        <p>
          <Link className="button button--secondary" to={`/community/organisations/${o.id}/edit`}>
            {t("community.edit")}
          </Link>
        </p>
      )}

      {posture && (
        <>
          <h2 id="posture-title">{t("community.posture.title")}</h2>
          <p className="field__hint">{t("community.posture.intro")}</p>
          <Dl
            items={[
              ...postureKinds.map((kind): [string, string] => {
                const state = posture.current[kind];
                return [
                  t(`community.posture.kind.${kind}`),
                  state
                    ? [
                        t(`community.posture.level.${state.record.level as "none"}`),
                        state.record.reference,
                        state.record.since ? formatDate(state.record.since, locale) : null,
                        state.record.validUntil
                          ? `〜${formatDate(state.record.validUntil, locale)}${state.held ? "" : t("community.posture.expired")}`
                          : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")
                    : t("community.posture.notRecorded"),
                ];
              }),
              [
                t("community.posture.kind.self-check"),
                posture.selfCheck
                  ? [
                      t("community.selfCheck.score", { total: posture.selfCheck.total }),
                      t(`community.selfCheck.band.${posture.selfCheck.band as SelfCheckBand}`),
                      formatDate(posture.selfCheck.on, locale),
                    ].join(" · ")
                  : t("community.selfCheck.none"),
              ],
            ]}
          />
          <Form method="post" className="form-grid" aria-labelledby="posture-title">
            <input type="hidden" name="intent" value="posture" />
            <SelectField
              name="kind"
              label={t("community.posture.kind")}
              failure={failure}
              options={postureKinds.map((kind) => ({ value: kind, label: t(`community.posture.kind.${kind}`) }))}
            />
            <SelectField name="level" label={t("community.posture.level")} failure={failure} options={levelOptions} />
            <Field name="reference" label={t("community.posture.reference")} failure={failure} />
            <Field name="since" type="date" label={t("community.posture.since")} failure={failure} />
            <Field name="validUntil" type="date" label={t("community.posture.validUntil")} failure={failure} />
            <Field name="note" label={t("community.posture.note")} failure={failure} />
            <div className="actions">
              <SubmitButton className="button button--secondary">{t("community.posture.submit")}</SubmitButton>
            </div>
          </Form>
          {posture.history.length > 0 && (
            <details>
              <summary>{t("community.posture.history")}</summary>
              <ul className="plain-list community-list">
                {posture.history.map((r) => (
                  <li key={r.id}>
                    {t(`community.posture.kind.${r.kind}`)}:{" "}
                    {r.kind === SELF_CHECK_KIND
                      ? `${t("community.selfCheck.score", { total: r.score ?? "" })} · ${t(`community.selfCheck.band.${r.level as SelfCheckBand}`)}`
                      : t(`community.posture.level.${r.level as "none"}`)}
                    {r.reference && ` · ${r.reference}`}
                    {r.since && ` · ${formatDate(r.since, locale)}`}
                    <span className="muted">
                      {" "}
                      · {r.recordedBy} · {formatDate(r.recordedAt, locale)}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {o.people && (
        <>
          <h2>{t("community.detail.people")}</h2>
          {o.people.length === 0 ? (
            <p>{t("common.empty")}</p>
          ) : (
            <ul className="plain-list community-list">
              {o.people.map((p) => (
                <li key={p.id}>
                  <Link to={`/community/people/${p.id}`}>
                    {p.familyName} {p.givenName}
                  </Link>
                  {p.title && <span className="muted"> · {p.title}</span>}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/community/people/new?organisationId=${o.id}`}>
              {t("community.people")}: {t("community.new")}
            </Link>
          </p>
        </>
      )}
      <h2>{t("community.detail.groups")}</h2>
      {o.groups.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {o.groups.map((g) => (
            <li key={g.id}>
              <Link to={`/community/groups/${g.id}`}>{g.name}</Link>{" "}
              <span className="muted">{label(t, "groupKind", g.kind)}</span>
            </li>
          ))}
        </ul>
      )}
      {o.agreements && (
        <>
          <h2>{t("community.detail.agreements")}</h2>
          {o.agreements.length === 0 ? (
            <p>{t("common.empty")}</p>
          ) : (
            <ul className="plain-list community-list">
              {o.agreements.map((a) => (
                <li key={a.id}>
                  <Link to={`/community/agreements/${a.id}`}>{a.title}</Link>
                  {a.signedOn && <span className="muted"> · {formatDate(a.signedOn, locale)}</span>}
                  {a.signatoryTitle && <span className="muted"> · {a.signatoryTitle}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {secretariat && !o.mergedIntoId && (
        <>
          <h2>{t("community.merge")}</h2>
          <p className="field__hint">{t("community.mergeHint")}</p>
          <FormError failure={failure} />
          <Form method="post">
            <input type="hidden" name="intent" value="merge" />
            <SelectField
              name="duplicateId"
              label={t("community.mergeDuplicate")}
              failure={failure}
              options={[
                { value: "", label: t("community.chooseOne") },
                ...mergeChoices.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <div className="actions">
              <SubmitButton className="button button--secondary">{t("community.mergeSubmit")}</SubmitButton>
            </div>
          </Form>
          <h2>{t("community.delete")}</h2>
          <DeleteForm failure={failure} />
        </>
      )}
    </section>
  );
}

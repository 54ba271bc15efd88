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
import { acceptCorporateLink } from "#core/corporate-links/accept-corporate-link.ts";
import { corporateLinkDepsFrom } from "#core/corporate-links/deps.ts";
import {
  type CorporateNumberMatch,
  getCorporateNumberMatches,
} from "#core/corporate-links/get-corporate-number-matches.ts";
import { proposeCorporateLink } from "#core/corporate-links/propose-corporate-link.ts";
import { withdrawCorporateLink } from "#core/corporate-links/withdraw-corporate-link.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.organisations.$id._index";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import type { FormFailure } from "../lib/http.server.ts";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.name ?? "団体"} · Chiiki` },
];

/** The secretariat may merge a duplicate into this organisation: the choices are every other one. */
export const loader = (args: Route.LoaderArgs) =>
  loadRecordPage(args, getOrganisation, {
    more: async (deps, actor, organisation, state) => ({
      mergeChoices: isRegistryAdmin(actor)
        ? (await listFormOptions(deps, actor)).organisations.filter((o) => o.id !== organisation.id)
        : [],
      // The posture is the secretariat's and the organisation's own contacts' (full access) only.
      posture: organisation.access === "full" ? await getOrganisationPosture(deps, actor, organisation.id) : null,
      // The same 法人番号 in other communities (names only) and the links with them: the secretariat's (ADR 039).
      corporateMatches:
        isRegistryAdmin(actor) && organisation.corporateNumber && !organisation.mergedIntoId
          ? await getCorporateNumberMatches(corporateLinkDepsFrom(state.services), actor, organisation.id)
          : null,
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
    const intent = String(call.form.get("intent") ?? "");
    if (intent.startsWith("link-")) {
      const links = corporateLinkDepsFrom(call.state.services);
      const field = (name: string) => String(call.form.get(name) ?? "");
      let saved = "link-withdrawn";
      if (intent === "link-propose") {
        const { linked } = await proposeCorporateLink(links, call.actor, {
          organisationId: call.id,
          communityId: field("communityId"),
        });
        saved = linked ? "link-linked" : "link-proposed";
      } else if (intent === "link-accept") {
        await acceptCorporateLink(links, call.actor, { linkId: field("linkId"), organisationId: call.id });
        saved = "link-linked";
      } else {
        await withdrawCorporateLink(links, call.actor, { linkId: field("linkId") });
      }
      throw redirect(`/community/organisations/${call.id}?saved=${saved}#links-title`);
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
  const { record: o, secretariat, meetings, mergeChoices, saved, posture, corporateMatches } = loaderData;
  const levelOptions = Object.entries(postureLevels).flatMap(([kind, levels]) =>
    levels.map((level) => ({
      value: level,
      label: `${t(`community.posture.kind.${kind as PostureKind}`)}: ${t(`community.posture.level.${level}`)}`,
    })),
  );
  const failure = failureOf(actionData);
  // A refused link step is told beside the links, not at the merge form.
  const linkFailure = failure?.values.intent?.startsWith("link-") ? failure : undefined;
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
                  : saved === "link-proposed"
                    ? "links.saved.proposed"
                    : saved === "link-linked"
                      ? "links.saved.linked"
                      : saved === "link-withdrawn"
                        ? "links.saved.withdrawn"
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

      {corporateMatches && <CorporateLinks matches={corporateMatches} failure={linkFailure} />}

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
          <FormError failure={linkFailure ? undefined : failure} />
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

/** The same 法人番号 in other communities, by name only, and the consent to link each (ADR 039). */
function CorporateLinks({ matches, failure }: { matches: CorporateNumberMatch[]; failure: FormFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  const button = (intent: string, label: string, value: { name: string; value: string }) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={value.name} value={value.value} />
      <SubmitButton className="button button--secondary">{label}</SubmitButton>
    </Form>
  );
  return (
    <>
      <h2 id="links-title">{t("links.title")}</h2>
      <FormError failure={failure} />
      {matches.length === 0 ? (
        <p>{t("links.none")}</p>
      ) : (
        <>
          <p className="field__hint">{t("links.intro")}</p>
          <ul className="plain-list community-list">
            {matches.map((c) => {
              const link = c.link;
              const date = link ? formatDate(link.since, locale) : "";
              return (
                <li key={c.communityId}>
                  <strong>{c.name}</strong>
                  <p className="muted">
                    {link ? t(`links.state.${link.state}`, { name: c.name, date }) : t("links.state.none")}
                  </p>
                  <div className="actions">
                    {!link && button("link-propose", t("links.propose"), { name: "communityId", value: c.communityId })}
                    {link?.state === "proposed-to-us" && (
                      <>
                        {button("link-accept", t("links.accept"), { name: "linkId", value: link.id })}
                        {button("link-withdraw", t("links.decline"), { name: "linkId", value: link.id })}
                      </>
                    )}
                    {link?.state === "proposed-by-us" &&
                      button("link-withdraw", t("links.withdrawProposal"), { name: "linkId", value: link.id })}
                    {link?.state === "linked" &&
                      button("link-withdraw", t("links.unlink"), { name: "linkId", value: link.id })}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

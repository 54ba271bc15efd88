import { Link } from "react-router";
import type { Route } from "./+types/_index";
import { isSecretariat } from "#core/accounts/actor.ts";
import { getMemberHome } from "#core/home/get-member-home.ts";
import { corporateLinkDepsFrom } from "#core/corporate-links/deps.ts";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { listMyProgrammes } from "#core/programme/list-my-programmes.ts";
import { getPublicHome } from "#core/home/get-public-home.ts";
import { getSecretariatHome, type HomeList, type SecretariatHome } from "#core/home/get-secretariat-home.ts";
import type { MemberHome } from "#core/home/get-member-home.ts";
import type { PublicHome } from "#core/home/get-public-home.ts";
import { formatDate, formatDateTime } from "#i18n/dates.ts";
import type { MessageKey } from "#i18n/index.ts";
import { stateOf } from "../context.ts";
import { CommunitySwitch } from "../components/community-switch.tsx";
import { SharedBy } from "../components/shared-by.tsx";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { listMyCommunities, myCommunitiesDepsFrom } from "#core/communities/list-my-communities.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "Chiiki" }];

/** One home page per role: what needs doing (secretariat), what is for me (member), what is public. */
export async function loader({ context }: Route.LoaderArgs) {
  const { actor, services } = stateOf(context);
  // Posts other communities shared with this one are on its home pages as in its list (ADR 038).
  const deps = { ...services.accounts, storage: services.storage, shared: sharingDepsFrom(services).shared };
  // A programme's office may hold no role in this community: its way in is the programme's page.
  const programmes = actor.kind === "user" ? await listMyProgrammes(programmeDepsFrom(services), actor) : [];
  // An account with roles in several communities of this installation switches between them here.
  const communities = await listMyCommunities(myCommunitiesDepsFrom(services), actor, services.community.id);
  if (actor.kind === "user" && isSecretariat(actor)) {
    // Proposals from other communities to link a record by its 法人番号 are among the to-dos (ADR 039).
    const home = await getSecretariatHome({ ...deps, corporateLinks: corporateLinkDepsFrom(services) }, actor);
    return { role: "secretariat" as const, name: actor.name, programmes, communities, home };
  }
  if (actor.kind === "user")
    return {
      role: "member" as const,
      name: actor.name,
      programmes,
      communities,
      home: await getMemberHome(deps, actor),
    };
  return { role: "public" as const, name: null, programmes, communities, home: await getPublicHome(deps) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page home" aria-labelledby="home-title">
      <h1 id="home-title">{loaderData.role === "secretariat" ? t("home.secretariat.title") : t("home.title")}</h1>
      {loaderData.name ? (
        <p>{t("home.signedInAs", { name: loaderData.name })}</p>
      ) : (
        <p className="lead">{t("home.lead")}</p>
      )}
      {loaderData.programmes.length > 0 && (
        <nav aria-label={t("programme.title")}>
          <ul className="plain-list">
            {loaderData.programmes.map((p) => (
              <li key={p.slug}>
                <Link to={`/programme/${p.slug}`}>{t("programme.homeLink", { name: p.name })}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <CommunitySwitch communities={loaderData.communities} />
      {loaderData.role === "secretariat" && <SecretariatHomeView home={loaderData.home} />}
      {loaderData.role === "member" && <MemberHomeView home={loaderData.home} />}
      {loaderData.role === "public" && <PublicHomeView home={loaderData.home} />}
    </section>
  );
}

/** One panel: a heading, its items (or "nothing to do"), and a link to the full list with the count. */
function Panel<T>({
  id,
  title,
  list,
  more,
  empty = "home.nothing",
  children,
}: {
  id: string;
  title: string;
  list: HomeList<T> | T[];
  more?: { to: string; label: string };
  empty?: MessageKey;
  children: (item: T) => React.ReactNode;
}) {
  const t = useT();
  const { items, total } = Array.isArray(list) ? { items: list, total: list.length } : list;
  return (
    <section className="home-panel" aria-labelledby={`home-${id}`}>
      <h2 id={`home-${id}`}>
        {title} <span className="home-panel__count">{t("home.count", { total })}</span>
      </h2>
      {items.length === 0 ? (
        <p className="home-panel__empty">{t(empty)}</p>
      ) : (
        <ul className="home-panel__list">{items.map(children)}</ul>
      )}
      {more && (
        <p className="home-panel__more">
          <Link to={more.to}>{more.label}</Link>
        </p>
      )}
    </section>
  );
}

/**
 * One item of a panel: a link to the record, a muted line about it (unless undefined), anything else
 * below. `facts` is that line as separate facts, joined by " · " with the missing ones left out.
 */
function PanelItem({
  to,
  title,
  meta,
  facts,
  children,
}: {
  to: string;
  title: string;
  meta?: React.ReactNode;
  facts?: React.ReactNode[];
  children?: React.ReactNode;
}) {
  const line = facts ? facts.filter(Boolean).flatMap((fact, i) => (i === 0 ? [fact] : [" · ", fact])) : meta;
  return (
    <li>
      <Link to={to}>{title}</Link>
      {line !== undefined && <span className="home-panel__meta">{line}</span>}
      {children}
    </li>
  );
}

function SecretariatHomeView({ home }: { home: SecretariatHome }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="home-grid">
      <Panel
        id="events"
        title={t("home.s.events")}
        list={home.events}
        more={{ to: "/events/manage", label: t("events.admin.title") }}
      >
        {(e) => (
          <PanelItem key={e.id} to={`/events/manage/${e.id}`} title={e.title} meta={formatDateTime(e.startsAt, locale)}>
            <ul className="home-seats">
              {e.seats.map((s) => (
                <li key={s.key}>
                  {t("home.s.seat", { label: s.label, confirmed: s.confirmed, capacity: s.capacity })}
                  {s.waitlisted > 0 && <> · {t("home.s.waitlisted", { count: s.waitlisted })}</>}
                </li>
              ))}
            </ul>
          </PanelItem>
        )}
      </Panel>
      <Panel
        id="surveys"
        title={t("home.s.surveys")}
        list={home.surveys}
        more={{ to: "/surveys", label: t("surveys.list.title") }}
      >
        {(s) => (
          <PanelItem
            key={s.id}
            to={`/surveys/${s.id}`}
            title={s.title}
            meta={
              s.invited > 0
                ? t("home.s.responseRate", {
                    completed: s.completedInvitations,
                    invited: s.invited,
                    percent: Math.round((s.completedInvitations / s.invited) * 100),
                    responses: s.responses,
                  })
                : t("home.s.responses", { responses: s.responses })
            }
          />
        )}
      </Panel>
      <Panel
        id="mailings"
        title={t("home.s.mailings")}
        list={home.mailingsAwaitingApproval}
        more={{ to: "/mailings?status=awaiting-approval", label: t("mailings.title") }}
      >
        {(m) => <PanelItem key={m.id} to={`/mailings/${m.id}`} title={m.subject} />}
      </Panel>
      <Panel
        id="consents"
        title={t("home.s.consents")}
        list={home.consentsPending}
        more={{ to: "/materials", label: t("sharing.materials.title") }}
      >
        {(m) => <PanelItem key={m.id} to={`/materials/${m.id}`} title={m.title} meta={m.speakerName} />}
      </Panel>
      <Panel
        id="failed"
        title={t("home.s.failedMail")}
        list={home.failedMail}
        more={{ to: "/secretariat/outbox?status=failed", label: t("nav.outbox") }}
      >
        {(m) => <PanelItem key={m.id} to={`/secretariat/outbox/${m.id}`} title={m.subject} meta={m.to} />}
      </Panel>
      <Panel
        id="drafts"
        title={t("home.s.feedDrafts")}
        list={home.feedDrafts}
        more={{ to: "/posts", label: t("sharing.posts.title") }}
      >
        {(p) => <PanelItem key={p.id} to={`/posts/${p.id}`} title={p.title} meta={p.sourceOrganisation || undefined} />}
      </Panel>
      <Panel
        id="decisions"
        title={t("home.s.decisions")}
        list={home.decisionsDue}
        more={{ to: "/community/decisions?status=open", label: t("community.decisions") }}
      >
        {(d) => (
          <PanelItem
            key={d.id}
            to={`/community/meetings/${d.meetingId}`}
            title={d.text}
            facts={[
              d.dueOn ? t("home.s.dueOn", { date: formatDate(d.dueOn, locale) }) : t("home.s.noDue"),
              d.meetingTitle,
            ]}
          />
        )}
      </Panel>
      <Todos home={home} />
      <section className="home-panel" aria-labelledby="home-report">
        <h2 id="home-report">{t("home.s.report", { year: home.report.label })}</h2>
        {home.report.missing.length === 0 ? (
          <p>{t("home.s.reportComplete")}</p>
        ) : (
          <>
            <p>{t("home.s.reportLacks")}</p>
            <ul className="home-panel__list">
              {home.report.missing.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </>
        )}
        <p className="home-panel__more">
          <Link to={`/reports/${home.report.fiscalYear}`}>{t("home.s.openReport")}</Link>
        </p>
      </section>
    </div>
  );
}

function MemberHomeView({ home }: { home: MemberHome }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="home-grid">
      <Panel
        id="open-events"
        title={t("home.m.openEvents")}
        list={home.openEvents}
        more={{ to: "/events", label: t("events.list.title") }}
      >
        {(e) => (
          <PanelItem
            key={e.id}
            to={`/events/${e.id}`}
            title={e.title}
            facts={[formatDateTime(e.startsAt, locale), e.registered && t("home.m.registered")]}
          />
        )}
      </Panel>
      <Panel id="registrations" title={t("home.m.registrations")} list={home.registrations}>
        {(r) => (
          <PanelItem
            key={r.id}
            to={`/events/${r.eventId}`}
            title={r.eventTitle}
            facts={[
              formatDateTime(r.startsAt, locale),
              r.seatLabel,
              r.status === "confirmed" ? t("home.m.confirmed", { code: r.ticketCode }) : t("home.m.waitlisted"),
            ]}
          />
        )}
      </Panel>
      <Panel
        id="posts"
        title={t("home.m.newPosts")}
        list={home.newPosts}
        more={{ to: "/posts", label: t("sharing.posts.title") }}
      >
        {(p) => (
          <PanelItem
            key={p.id}
            to={`/posts/${p.id}`}
            title={p.title}
            facts={[`TLP:${p.tlp}`, p.publishedAt && formatDate(p.publishedAt, locale)]}
          >
            <SharedBy origin={p.sharedBy} />
          </PanelItem>
        )}
      </Panel>
      <Panel id="surveys" title={t("home.m.surveys")} list={home.surveys}>
        {(s) => (
          <PanelItem
            key={s.id}
            to={`/s/${s.id}`}
            title={s.title}
            facts={[
              s.state === "started" ? t("home.m.surveyStarted") : t("home.m.surveyInvited"),
              s.closesAt && t("home.m.closes", { date: formatDateTime(s.closesAt, locale) }),
            ]}
          />
        )}
      </Panel>
    </div>
  );
}

function PublicHomeView({ home }: { home: PublicHome }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        {t("home.forMembers")} <Link to="/sign-in">{t("nav.signIn")}</Link>
      </p>
      <div className="home-grid">
        <Panel
          id="events"
          title={t("home.p.events")}
          list={home.events}
          more={{ to: "/events", label: t("events.list.title") }}
        >
          {(e) => (
            <PanelItem
              key={e.id}
              to={`/events/${e.id}`}
              title={e.title}
              facts={[formatDateTime(e.startsAt, locale), e.venueName ?? e.onlineTool]}
            />
          )}
        </Panel>
        <Panel
          id="advisories"
          title={t("home.p.advisories")}
          list={home.advisories}
          more={{ to: "/posts", label: t("sharing.posts.title") }}
        >
          {(p) => (
            <PanelItem
              key={p.id}
              to={`/posts/${p.id}`}
              title={p.title}
              meta={p.publishedAt ? formatDate(p.publishedAt, locale) : undefined}
            >
              <SharedBy origin={p.sharedBy} />
            </PanelItem>
          )}
        </Panel>
      </div>
    </>
  );
}

/**
 * The secretariat's other to-dos (core/home/get-secretariat-home.ts): each panel only when it has
 * something in it, so a quiet day shows none of them.
 */
function Todos({ home }: { home: SecretariatHome }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {home.overdueMailings.total > 0 && (
        <Panel
          id="overdue-mailings"
          title={t("home.s.overdueMailings")}
          list={home.overdueMailings}
          more={{ to: "/mailings?status=approved", label: t("mailings.title") }}
        >
          {(m) => (
            <li key={m.id}>
              <Link to={`/mailings/${m.id}`}>{m.subject}</Link>
              <span className="home-panel__meta">
                {t("home.s.overdueAt", { at: formatDateTime(m.scheduledAt, locale) })}
              </span>
            </li>
          )}
        </Panel>
      )}
      {home.eventsWithoutFeedback.total > 0 && (
        <Panel id="no-feedback" title={t("home.s.noFeedback")} list={home.eventsWithoutFeedback}>
          {(e) => (
            <li key={e.id}>
              <Link to={`/events/manage/${e.id}`}>{e.title}</Link>
              <span className="home-panel__meta">{t("home.s.endedAt", { at: formatDate(e.endsAt, locale) })}</span>
            </li>
          )}
        </Panel>
      )}
      {home.surveysAwaitingReview.total > 0 && (
        <Panel id="awaiting-review" title={t("home.s.awaitingReview")} list={home.surveysAwaitingReview}>
          {(s) => (
            <li key={s.id}>
              <Link to={`/surveys/${s.id}/results`}>{s.title}</Link>
              <span className="home-panel__meta">{t("home.s.unreviewed", { count: s.unreviewed })}</span>
            </li>
          )}
        </Panel>
      )}
      {home.expiredInvitations.total > 0 && (
        <Panel
          id="expired-invitations"
          title={t("home.s.expiredInvitations")}
          list={home.expiredInvitations}
          more={{ to: "/secretariat/invitations", label: t("invite.title") }}
        >
          {(i) => (
            <li key={i.id}>
              {i.name} <span className="home-panel__meta">{i.email}</span>
              <span className="home-panel__meta">
                {t("home.s.expiredAt", { at: formatDateTime(i.expiresAt, locale) })}
              </span>
            </li>
          )}
        </Panel>
      )}
      {home.membersWithoutContact.total > 0 && (
        <Panel
          id="without-contact"
          title={t("home.s.withoutContact")}
          list={home.membersWithoutContact}
          more={{ to: "/community/organisations", label: t("community.organisations") }}
        >
          {(o) => (
            <li key={o.id}>
              <Link to={`/community/organisations/${o.id}`}>{o.name}</Link>
            </li>
          )}
        </Panel>
      )}
      {home.corporateLinkProposals.total > 0 && (
        <Panel id="link-proposals" title={t("links.home.title")} list={home.corporateLinkProposals}>
          {(p) => (
            <li key={p.id}>
              <Link to={`/community/organisations/${p.organisationId}#links-title`}>{p.organisationName}</Link>
              <span className="home-panel__meta">
                {t("links.home.item", {
                  community: p.communityName,
                  number: p.corporateNumber,
                  date: formatDate(p.proposedAt, locale),
                })}
              </span>
            </li>
          )}
        </Panel>
      )}
    </>
  );
}

import { Form, NavLink, useLocation } from "react-router";
import type { MessageKey } from "#i18n/index.ts";
import { useT } from "../lib/i18n.ts";
import type { RootData } from "../lib/root-data.ts";

type MenuLink = { to: string; label: MessageKey; end?: boolean };
type MenuGroup = { label: MessageKey; links: MenuLink[] };

/**
 * The capabilities a visitor may use, grouped so the secretariat's fourteen pages fit one row at
 * 1280 px: each group is a <details> whose <summary> the visitor opens (by mouse, tap, Enter or
 * Space, without JavaScript). A group with one link for this visitor is that link.
 */
export function menuGroups(user: RootData["user"]): MenuGroup[] {
  if (!user?.secretariat) {
    return [
      ...(user
        ? [{ label: "nav.group.community" as const, links: [{ to: "/community", label: "community.nav" as const }] }]
        : []),
      { label: "nav.group.events", links: [{ to: "/events", label: "events.nav" }] },
      { label: "nav.group.sharing", links: [{ to: "/posts", label: "nav.sharing" }] },
    ];
  }
  return [
    {
      label: "nav.group.community",
      links: [
        { to: "/community", label: "community.dashboard", end: true },
        { to: "/community/organisations", label: "community.organisations" },
        { to: "/community/people", label: "community.people" },
        { to: "/community/agreements", label: "community.agreements" },
        { to: "/community/groups", label: "community.groups" },
        { to: "/community/meetings", label: "community.meetings" },
        { to: "/community/decisions", label: "community.decisions" },
        { to: "/community/activities", label: "community.activities" },
      ],
    },
    {
      label: "nav.group.events",
      links: [
        { to: "/events/manage", label: "events.admin.title" },
        { to: "/events", label: "events.list.title", end: true },
      ],
    },
    { label: "nav.group.surveys", links: [{ to: "/surveys", label: "surveys.list.title" }] },
    {
      label: "nav.group.sharing",
      links: [
        { to: "/posts", label: "sharing.posts.title", end: true },
        { to: "/materials", label: "sharing.materials.title" },
        { to: "/posts/feeds", label: "sharing.ingest.title" },
        { to: "/materials/downloads", label: "sharing.downloads.title" },
      ],
    },
    {
      label: "nav.group.mailings",
      links: [
        { to: "/mailings", label: "mailings.title" },
        { to: "/secretariat/outbox", label: "nav.outbox" },
      ],
    },
    { label: "nav.group.reports", links: [{ to: "/reports", label: "reports.title" }] },
    {
      label: "nav.group.admin",
      links: [
        { to: "/secretariat/invitations", label: "nav.invitations" },
        { to: "/secretariat/privacy", label: "privacy.nav" },
        { to: "/secretariat/audit", label: "nav.audit" },
        { to: "/secretariat/tokens", label: "nav.tokens" },
      ],
    },
  ];
}

const isUnder = (pathname: string, link: MenuLink) =>
  link.end ? pathname === link.to : pathname === link.to || pathname.startsWith(`${link.to}/`);

/** The main navigation's list: home, the groups, the account and the way in or out. */
export function MainMenu({ user }: { user: RootData["user"] }) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <ul className="menu__list">
      <li>
        <NavLink to="/" end>
          {t("nav.home")}
        </NavLink>
      </li>
      {menuGroups(user).map((group) =>
        group.links.length === 1 && group.links[0] ? (
          <li key={group.label}>
            <NavLink to={group.links[0].to}>{t(group.label)}</NavLink>
          </li>
        ) : (
          <li key={group.label}>
            <details
              className={`menu__group${group.links.some((link) => isUnder(pathname, link)) ? " is-current" : ""}`}
            >
              <summary>{t(group.label)}</summary>
              <ul>
                {group.links.map((link) => (
                  <li key={link.to}>
                    <NavLink to={link.to} end={link.end}>
                      {t(link.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ),
      )}
      {user ? (
        <>
          <li>
            <NavLink to="/account">{t("nav.account")}</NavLink>
          </li>
          <li>
            <Form method="post" action="/sign-out">
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </li>
        </>
      ) : (
        <li>
          <NavLink to="/sign-in">{t("nav.signIn")}</NavLink>
        </li>
      )}
    </ul>
  );
}

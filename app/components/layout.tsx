import { useEffect, useRef } from "react";
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "react-router";
import type { RootData } from "../lib/root-data.ts";
import { useT } from "../lib/i18n.ts";

/** The page frame: skip link, header with navigation by capability, language switch, footer. */
export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  const user = root?.user;
  const menu = useMenuClosedOnNavigation(location.key);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__name">{root?.community ?? t("app.name")}</span>
            <span className="brand__app">Chiiki</span>
          </Link>
          <details className="menu" ref={menu}>
            <summary>{t("nav.menu")}</summary>
            <nav aria-label={t("nav.main")}>
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t("nav.home")}
                  </NavLink>
                </li>
                {user && (
                  <li>
                    <NavLink to="/community">{t("community.nav")}</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/events">{t("events.nav")}</NavLink>
                </li>
                <li>
                  <NavLink to="/posts">{t("nav.sharing")}</NavLink>
                </li>
                {user?.secretariat && (
                  <>
                    <li>
                      <NavLink to="/surveys">{t("surveys.nav")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/secretariat/invitations">{t("nav.invitations")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/mailings">{t("nav.mailings")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/secretariat/outbox">{t("nav.outbox")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/secretariat/audit">{t("nav.audit")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/secretariat/privacy">{t("privacy.nav")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/reports">{t("reports.nav")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/secretariat/tokens">{t("nav.tokens")}</NavLink>
                    </li>
                  </>
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
            </nav>
          </details>
          <Form method="post" action="/lang" className="lang-switch">
            <input type="hidden" name="redirectTo" value={here} />
            <input type="hidden" name="locale" value={root?.locale === "en" ? "ja" : "en"} />
            <button
              type="submit"
              className="link-button"
              lang={root?.locale === "en" ? "ja" : "en"}
              title={t("nav.language")}
            >
              {t("nav.switchToOther")}
            </button>
          </Form>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>Chiiki · {t("app.tagline")}</p>
        <p>
          <Link to="/privacy">{t("privacy.footer")}</Link>
        </p>
      </footer>
    </>
  );
}

/**
 * On a phone the menu is a <details> the visitor opens. Without JavaScript a tapped link loads a
 * new page, whose menu starts closed; with it, React Router navigates inside the same page and
 * the <details> would stay open over the new content, so it is closed whenever the location
 * changes (each navigation has a new key, also one to the page already shown). Not on the first
 * render: a menu opened before the scripts arrived stays open. On desktops the list is shown
 * whatever the state (styles.css), so closing it there changes nothing visible.
 */
function useMenuClosedOnNavigation(locationKey: string) {
  const menu = useRef<HTMLDetailsElement>(null);
  const shownKey = useRef(locationKey);
  useEffect(() => {
    if (shownKey.current === locationKey) return;
    shownKey.current = locationKey;
    if (menu.current) menu.current.open = false;
  }, [locationKey]);
  return menu;
}

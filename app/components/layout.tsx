import { useEffect, useRef } from "react";
import { Form, Link, useLocation, useRouteLoaderData } from "react-router";
import type { RootData } from "../lib/root-data.ts";
import { useT } from "../lib/i18n.ts";
import { MainMenu } from "./main-menu.tsx";

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
              <MainMenu user={user ?? null} />
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
 * On a phone the menu is a <details> the visitor opens, and each group inside it is another.
 * Without JavaScript a tapped link loads a new page, whose menus start closed; with it, React
 * Router navigates inside the same page and an open <details> would stay open over the new
 * content, so every one in the menu is closed whenever the location changes (each navigation has
 * a new key, also one to the page already shown). Not on the first render: a menu opened before
 * the scripts arrived stays open. With scripts, opening one group closes the others, and Escape
 * closes the group the focus is in and returns the focus to its summary.
 */
function useMenuClosedOnNavigation(locationKey: string) {
  const menu = useRef<HTMLDetailsElement>(null);
  const shownKey = useRef(locationKey);
  useEffect(() => {
    if (shownKey.current === locationKey) return;
    shownKey.current = locationKey;
    if (!menu.current) return;
    menu.current.open = false;
    for (const group of menu.current.querySelectorAll("details")) group.open = false;
  }, [locationKey]);
  useEffect(() => {
    const root = menu.current;
    if (!root) return;
    const onToggle = (event: Event) => {
      const opened = event.target;
      if (!(opened instanceof HTMLDetailsElement) || opened === root || !opened.open) return;
      for (const group of root.querySelectorAll("details")) if (group !== opened) group.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !(event.target instanceof Element)) return;
      const group = event.target.closest("details");
      if (!group || group === root || !group.open) return;
      group.open = false;
      group.querySelector("summary")?.focus();
    };
    root.addEventListener("toggle", onToggle, true);
    root.addEventListener("keydown", onKeyDown);
    return () => {
      root.removeEventListener("toggle", onToggle, true);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, []);
  return menu;
}

import type { MyCommunity } from "#core/communities/list-my-communities.ts";
import { useLocale, useT } from "../lib/i18n.ts";

/**
 * The communities of this installation in which the account holds a role, each a link to its
 * home (another host name or path: a full page load, as the session is the installation's).
 * Shown only when there is somewhere else to go.
 */
export function CommunitySwitch({ communities }: { communities: MyCommunity[] }) {
  const t = useT();
  const locale = useLocale();
  if (!communities.some((c) => !c.current)) return null;
  return (
    <nav className="community-switch" aria-labelledby="community-switch-title">
      <h2 id="community-switch-title">{t("communities.switch.title")}</h2>
      <ul className="plain-list">
        {communities.map((c) => {
          const name = locale === "en" && c.nameEn ? c.nameEn : c.name;
          return (
            <li key={c.slug}>
              {c.current ? (
                <span aria-current="true">
                  {name} <span className="muted">{t("communities.switch.current")}</span>
                </span>
              ) : (
                <a href={c.url}>{name}</a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

import { Link, useLocation } from "react-router";
import { useT } from "../lib/i18n.ts";

/** Previous/next links for a paged list; keeps the page's other query parameters (its filters). */
export function Pager({ total, limit, offset }: { total: number; limit: number; offset: number }) {
  const t = useT();
  const location = useLocation();
  if (total === 0) return null;
  const at = (next: number) => {
    const params = new URLSearchParams(location.search);
    if (next > 0) params.set("offset", String(next));
    else params.delete("offset");
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t("list.pages")}>
      <p className="pager__status">{t("common.showing", { from: Math.min(offset + 1, total), to, total })}</p>
      <span className="pager__links">
        {offset > 0 && (
          <Link to={at(Math.max(0, offset - limit))} rel="prev">
            {t("common.previous")}
          </Link>
        )}
        {to < total && (
          <Link to={at(offset + limit)} rel="next">
            {t("common.next")}
          </Link>
        )}
      </span>
    </nav>
  );
}

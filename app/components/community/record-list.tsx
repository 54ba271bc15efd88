import type { ReactNode } from "react";
import { Link } from "react-router";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { FormError } from "../form.tsx";
import { Pager } from "../pager.tsx";
import { CommunityTabs, SearchFilters } from "./ui.tsx";

/** What a registry list's loader answers (`loadListPage`). */
export interface RecordListData<T> {
  list: { items: T[]; total: number };
  failure?: FormFailure | null;
  params: Record<string, string | undefined>;
  limit: number;
  offset: number;
  secretariat: boolean;
  meetings: boolean;
}

/**
 * One page of a registry list (activities, agreements, groups, meetings): the tabs, the heading,
 * a "new" button for those who may create, the search with the list's own `filters`, the items
 * (each a link to its record, a muted line of `details` and anything `after` it) and the pager.
 */
export function RecordList<T extends { id: string }>({
  records,
  data,
  tabs = { secretariat: true },
  canCreate = true,
  actions,
  filters,
  title,
  details,
  after,
}: {
  records: "activities" | "agreements" | "groups" | "meetings";
  data: RecordListData<T>;
  tabs?: { secretariat: boolean; meetings?: boolean };
  canCreate?: boolean;
  /** Links beside the "new" button. */
  actions?: ReactNode;
  filters: ReactNode;
  title: (item: T) => string;
  details: (item: T) => ReactNode;
  after?: (item: T) => ReactNode;
}) {
  const t = useT();
  const { list, failure, params } = data;
  return (
    <section className="page" aria-labelledby={`${records}-title`}>
      <CommunityTabs {...tabs} />
      <h1 id={`${records}-title`}>{t(`community.${records}`)}</h1>
      {canCreate && (
        <p className={actions ? "row-action" : undefined}>
          <Link className="button" to={`/community/${records}/new`}>
            {t("community.new")}
          </Link>
          {actions && <> {actions}</>}
        </p>
      )}
      <FormError failure={failure ?? undefined} />
      <SearchFilters q={params.q ?? ""}>{filters}</SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((item) => (
            <li key={item.id}>
              <Link to={`/community/${records}/${item.id}`}>{title(item)}</Link>
              <br />
              <span className="muted">{details(item)}</span>
              {after?.(item)}
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={data.limit} offset={data.offset} />
    </section>
  );
}

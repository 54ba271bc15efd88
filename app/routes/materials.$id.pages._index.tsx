import { Link, useHref } from "react-router";
import type { Route } from "./+types/materials.$id.pages._index";
import { listMaterialPages } from "#core/sharing/view-material-pages.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

/**
 * A document material, page by page, as images stamped for the viewer: the way view-only material
 * is seen (its file never leaves the server). Plain images, lazily loaded: no script needed, and
 * they shrink to a phone's width. Opening the page is logged as a viewing.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return orRespond(state, request, async () =>
    listMaterialPages(sharingDepsFrom(state.services), state.actor, await viewerOf(state), params.id),
  );
}

export default function MaterialPages({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { id, title, pages, viewable, canDownload } = loaderData;
  const pagesPath = useHref(`/materials/${id}/pages`);
  return (
    <article className="page" aria-labelledby="pages-title">
      <h1 id="pages-title">{title}</h1>
      <p className="muted">
        {canDownload ? t("sharing.materials.pagesStamped") : t("sharing.materials.pagesViewOnly")}
      </p>
      {!viewable ? (
        <p>{t("sharing.materials.pagesUnavailable")}</p>
      ) : (
        <ol className="material-pages">
          {pages.map((page) => (
            <li key={page.number}>
              <img
                src={`${pagesPath}/${page.number}`}
                alt={t("sharing.materials.pageAlt", { number: page.number, count: pages.length })}
                width={Math.round(page.width)}
                height={Math.round(page.height)}
                loading={page.number === 1 ? "eager" : "lazy"}
                decoding="async"
              />
            </li>
          ))}
        </ol>
      )}
      <p>
        {canDownload && (
          <>
            <Link reloadDocument className="button" to={`/materials/${id}/file`} download>
              {t("sharing.materials.download")}
            </Link>{" "}
          </>
        )}
        <Link to={`/materials/${id}`}>{t("sharing.materials.backToMaterial")}</Link>
      </p>
    </article>
  );
}

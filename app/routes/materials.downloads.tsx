import type { Route } from "./+types/materials.downloads";
import { listDownloads } from "#core/sharing/list-downloads.ts";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { sharedOf } from "./posts.web.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "ダウンロード記録 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return { downloads: await listDownloads(state.services.database.db, state.actor, {}, sharedOf(state)) };
}

export default function Downloads({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="page" aria-labelledby="downloads-title">
      <h1 id="downloads-title">{t("sharing.downloads.title")}</h1>
      <p className="lead">{t("sharing.downloads.lead")}</p>
      {loaderData.downloads.length === 0 ? (
        <p>{t("sharing.downloads.none")}</p>
      ) : (
        <TableWrap label={t("sharing.downloads.title")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("sharing.downloads.at")}</th>
                <th scope="col">{t("sharing.downloads.who")}</th>
                <th scope="col">{t("sharing.downloads.organisation")}</th>
                <th scope="col">{t("sharing.downloads.what")}</th>
                <th scope="col">{t("sharing.downloads.mode")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.downloads.map((d) => (
                <tr key={d.id}>
                  <td>
                    <time dateTime={d.at}>{formatDateTime(d.at, locale)}</time>
                  </td>
                  <td className="wrap">{d.who}</td>
                  <td className="wrap">{d.organisation ?? ""}</td>
                  <td className="wrap">
                    {d.what} {d.label ? `（${d.label}）` : ""}
                  </td>
                  <td>{t(`sharing.downloads.mode.${d.mode as "view" | "download"}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

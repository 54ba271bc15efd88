import { Link } from "react-router";
import type { Route } from "./+types/materials._index";
import { hasRole } from "#core/accounts/actor.ts";
import { listMaterials } from "#core/sharing/list-materials.ts";
import { stateOf } from "../context.ts";
import { useT } from "../lib/i18n.ts";
import { SharedBy } from "../components/shared-by.tsx";
import { sharedOf, viewerOf } from "./posts.web.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "講演資料 · Chiiki" }];

export async function loader({ context }: Route.LoaderArgs) {
  const state = stateOf(context);
  const viewer = await viewerOf(state);
  return {
    materials: await listMaterials(state.services.database.db, viewer, {}, sharedOf(state)),
    canUpload: viewer.secretariat || hasRole(state.actor, "speaker"),
    secretariat: viewer.secretariat,
  };
}

export default function Materials({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="materials-title">
      <h1 id="materials-title">{t("sharing.materials.title")}</h1>
      <p className="lead">{t("sharing.materials.lead")}</p>
      {loaderData.canUpload && (
        <p className="actions">
          <Link className="button" to="/materials/new">
            {t("sharing.materials.upload")}
          </Link>
        </p>
      )}
      {loaderData.materials.length === 0 ? (
        <p>{t("sharing.materials.none")}</p>
      ) : (
        <ul className="card-list">
          {loaderData.materials.map((m) => (
            <li key={m.id}>
              <h2 className="post-list__title">
                <Link to={`/materials/${m.id}`}>{m.title}</Link>
              </h2>
              <p className="muted">
                {t(`sharing.materials.kind.${m.kind}`)} · {m.speakerName}
                {loaderData.secretariat && <> · {t(`sharing.materials.consentState.${m.consentState}`)}</>}
                {m.consent && m.consentState === "granted" && <> · {t(`sharing.scope.${m.consent.scope}`)}</>}
                {!m.canDownload && <> · {t("sharing.materials.viewOnly")}</>}
              </p>
              {m.sharedBy && (
                <p>
                  <SharedBy origin={m.sharedBy} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/posts">{t("sharing.posts.back")}</Link>
      </p>
    </section>
  );
}

import { Form, Link, redirect } from "react-router";
import { decisionStatuses } from "#core/community/codes.ts";
import { listDecisions } from "#core/community/list-decisions.ts";
import { updateDecisionStatus } from "#core/community/update-decision-status.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.decisions";
import { failureOf, FormError } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { CommunityTabs, label, SearchFilters, CodeSelect } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { requireUserPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "申し合わせ一覧 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listDecisions);

export async function action({ context, request, url }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const { id, ...input } = formInput(form);
    await updateDecisionStatus(depsOf(state), actor, String(id), input);
    throw redirect(`/community/decisions${url.search}`);
  });
}

export default function Decisions({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { list, failure, params } = loaderData;
  return (
    <section className="page" aria-labelledby="decisions-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="decisions-title">{t("community.decisions")}</h1>
      <FormError failure={failure ?? failureOf(actionData)} />
      <SearchFilters q={params.q ?? ""}>
        <CodeSelect
          name="status"
          vocabulary="decisionStatus"
          codes={decisionStatuses}
          empty="community.any"
          defaultValue={params.status ?? ""}
        />
      </SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((d) => (
            <li key={d.id}>
              <p>{d.text}</p>
              <p className="muted">
                {label(t, "decisionStatus", d.status)}
                {(d.ownerOrganisationName || d.ownerLabel) &&
                  ` · ${[d.ownerOrganisationName, d.ownerLabel].filter(Boolean).join("・")}`}
                {d.dueOn && ` · ${t("community.field.dueOn")} ${formatDate(d.dueOn, locale)}`}
                {" · "}
                <Link to={`/community/meetings/${d.meetingId}`}>
                  {d.meetingTitle}（{formatDate(d.meetingStartsAt, locale)}）
                </Link>
              </p>
              <Form method="post" className="row-action">
                <input type="hidden" name="id" value={d.id} />
                {d.status !== "done" && (
                  <button type="submit" name="status" value="done" className="button button--secondary button--small">
                    {t("community.markDone")}
                  </button>
                )}
                {d.status !== "open" && (
                  <button type="submit" name="status" value="open" className="button button--secondary button--small">
                    {t("community.markOpen")}
                  </button>
                )}
                {d.status === "open" && (
                  <button
                    type="submit"
                    name="status"
                    value="dropped"
                    className="button button--secondary button--small"
                  >
                    {t("community.markDropped")}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}

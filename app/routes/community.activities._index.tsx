import { activityKinds } from "#core/community/codes.ts";
import { listActivities } from "#core/community/list-activities.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.activities._index";
import { RecordList } from "../components/community/record-list.tsx";
import { label, CodeSelect } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動実績 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listActivities, { guard: requireSecretariatPage });

export default function Activities({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { params } = loaderData;
  return (
    <RecordList
      records="activities"
      data={loaderData}
      filters={
        <CodeSelect
          name="kind"
          vocabulary="activityKind"
          codes={activityKinds}
          empty="community.any"
          defaultValue={params.kind ?? ""}
        />
      }
      title={(a) => a.title}
      details={(a) => (
        <>
          {formatDate(a.heldOn, locale)} · {label(t, "activityKind", a.kind)}
          {a.organiser && ` · ${a.organiser}`}
          {a.talks > 0 && ` · ${t("community.talks.count", { count: a.talks })}`}
        </>
      )}
    />
  );
}

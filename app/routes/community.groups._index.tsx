import { groupKinds } from "#core/community/codes.ts";
import { listGroups } from "#core/community/list-groups.ts";
import type { Route } from "./+types/community.groups._index";
import { RecordList } from "../components/community/record-list.tsx";
import { label, CodeSelect } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループ · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listGroups);

export default function Groups({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { params, secretariat, meetings } = loaderData;
  return (
    <RecordList
      records="groups"
      data={loaderData}
      tabs={{ secretariat, meetings }}
      canCreate={secretariat}
      filters={
        <CodeSelect
          name="kind"
          vocabulary="groupKind"
          codes={groupKinds}
          empty="community.any"
          defaultValue={params.kind ?? ""}
        />
      }
      title={(g) => g.name}
      details={(g) => (
        <>
          {label(t, "groupKind", g.kind)}
          {g.hostOrganisationName && ` · ${g.hostOrganisationName}`} · {t("community.field.members")} {g.members}
        </>
      )}
      after={(g) =>
        g.vacantOfficers > 0 && (
          <span className="community-vacant"> · {t("community.vacant.count", { count: g.vacantOfficers })}</span>
        )
      }
    />
  );
}

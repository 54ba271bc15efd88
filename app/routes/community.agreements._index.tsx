import { agreementStatuses } from "#core/community/codes.ts";
import { listAgreements } from "#core/community/list-agreements.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.agreements._index";
import { RecordList } from "../components/community/record-list.tsx";
import { label, CodeSelect } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listAgreements, { guard: requireSecretariatPage });

export default function Agreements({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { params } = loaderData;
  return (
    <RecordList
      records="agreements"
      data={loaderData}
      filters={
        <CodeSelect
          name="status"
          vocabulary="agreementStatus"
          codes={agreementStatuses}
          empty="community.any"
          defaultValue={params.status ?? ""}
        />
      }
      title={(a) => a.title}
      details={(a) => (
        <>
          {a.signedOn ? formatDate(a.signedOn, locale) : ""} · {label(t, "agreementStatus", a.status)} ·{" "}
          {t("community.parties.count", { count: a.parties })}
        </>
      )}
    />
  );
}

import { Link } from "react-router";
import { listMeetings } from "#core/community/list-meetings.ts";
import { formatDateTime } from "#i18n/dates.ts";
import type { Route } from "./+types/community.meetings._index";
import { Field, SelectField } from "../components/form.tsx";
import { RecordList } from "../components/community/record-list.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage, meetingGroupChoices } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listMeetings, { more: meetingGroupChoices });

export default function Meetings({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { failure, params } = loaderData;
  return (
    <RecordList
      records="meetings"
      data={loaderData}
      tabs={{ secretariat: loaderData.secretariat, meetings: loaderData.meetings }}
      actions={<Link to="/community/decisions">{t("community.decisions")}</Link>}
      filters={
        <>
          {loaderData.groups.length > 0 ? (
            <SelectField
              name="groupId"
              label={t("community.field.group")}
              defaultValue={params.groupId ?? ""}
              options={[{ value: "", label: t("community.any") }, ...loaderData.groups]}
            />
          ) : (
            params.groupId && <input type="hidden" name="groupId" value={params.groupId} />
          )}
          <Field
            name="from"
            type="date"
            label={t("community.field.from")}
            failure={failure ?? undefined}
            defaultValue={params.from ?? ""}
          />
          <Field
            name="to"
            type="date"
            label={t("community.field.to")}
            failure={failure ?? undefined}
            defaultValue={params.to ?? ""}
          />
        </>
      }
      title={(m) => m.title}
      details={(m) => (
        <>
          {formatDateTime(m.startsAt, locale)}
          {m.groupName && ` · ${m.groupName}`}
          {(m.place || m.onlineTool) && ` · ${[m.place, m.onlineTool].filter(Boolean).join(" / ")}`}
        </>
      )}
      after={(m) => m.openDecisions > 0 && <span> · {t("community.openDecisions", { count: m.openDecisions })}</span>}
    />
  );
}

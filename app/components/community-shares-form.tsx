import { Form } from "react-router";
import type { CommunityShareChoice } from "#core/sharing/list-community-shares.ts";
import { formatDate } from "#i18n/dates.ts";
import { type ActionResult, failureOf, FormError, Notice, SubmitButton } from "./form.tsx";
import { useLocale, useT } from "../lib/i18n.ts";

/**
 * The publishing secretariat's "share with communities" form (ADR 038): one box per other
 * community of the installation; saving the ticked ones adds and withdraws shares at once. A plain
 * form post, so it works without JavaScript; the boxes wrap on a phone.
 */
export function CommunitySharesForm({
  choices,
  lead,
  note,
  actionData,
}: {
  choices: CommunityShareChoice[];
  lead: string;
  note?: string | null;
  actionData: ActionResult;
}) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const saved = actionData && "ok" in actionData && actionData.ok;
  if (choices.length === 0) return <p>{t("sharing.shared.none")}</p>;
  return (
    <Form method="post" noValidate aria-labelledby="shares-title">
      <p>{lead}</p>
      {note && <p className="muted">{note}</p>}
      {saved && (
        <Notice tone="success">
          <p>{t("sharing.shared.saved")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <fieldset className="choices choices--stacked">
        <legend className="visually-hidden">{t("sharing.shared.title")}</legend>
        {choices.map((c) => (
          <label key={c.slug}>
            <input type="checkbox" name="communities" value={c.slug} defaultChecked={c.sharedAt !== null} />{" "}
            {locale === "en" && c.nameEn ? c.nameEn : c.name}
            {c.sharedAt && (
              <span className="muted"> ({t("sharing.shared.since", { date: formatDate(c.sharedAt, locale) })})</span>
            )}
          </label>
        ))}
        {failure?.fields.communities && <p className="field__error">{failure.fields.communities}</p>}
      </fieldset>
      <div className="actions">
        <SubmitButton>{t("sharing.shared.save")}</SubmitButton>
      </div>
    </Form>
  );
}

import { data, redirect } from "react-router";
import type { Route } from "./+types/materials.new";
import { hasRole, isSecretariat } from "#core/accounts/actor.ts";
import { listMaterialUploadEvents } from "#core/sharing/list-material-upload-events.ts";
import { uploadMaterial } from "#core/sharing/upload-material.ts";
import { AppError } from "#core/shared/errors.ts";
import { japanDay } from "#i18n/dates.ts";
import { Field, FileField, failureOf, Form, FormError, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { describeError, orRespond, requireUserPage } from "../lib/http.server.ts";
import { formInput } from "../lib/form.server.ts";
import { receiveUploadForm } from "../lib/upload.server.ts";
import { useT } from "../lib/i18n.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "講演資料のアップロード · Chiiki" }];

/** The secretariat (any seminar) or a speaker (their own seminars) uploads a talk material. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const user = requireUserPage(state, request);
  const events = await orRespond(state, request, () => listMaterialUploadEvents(state.services.database.db, user));
  return { events, secretariat: isSecretariat(user) };
}

/**
 * The file (a recording can be gigabytes) is streamed to disk as it arrives, up to
 * CHIIKI_MAX_UPLOAD_MB; who may upload is decided before a byte of it is read.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const user = requireUserPage(state, request);
  if (!isSecretariat(user) && !hasRole(user, "speaker"))
    throw data(describeError(new AppError("forbidden"), state.locale), { status: 403 });
  return receiveUploadForm(state, request, "file", async (form, file) => {
    if (!file) throw new AppError("validation-failed", { fields: [{ field: "file", code: "sharing-file-empty" }] });
    const input = { speakerEmail: "", ...formInput(form) };
    const { id } = await uploadMaterial(sharingDepsFrom(state.services), state.actor, input, file);
    throw redirect(`/materials/${id}`);
  });
}

export default function NewMaterial({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  return (
    <section className="page narrow" aria-labelledby="material-new-title">
      <h1 id="material-new-title">{t("sharing.materials.upload")}</h1>
      <p className="lead">{t("sharing.materials.uploadLead")}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <FormError failure={failure} />
        <SelectField
          name="eventId"
          label={t("sharing.materials.event")}
          failure={failure}
          options={[
            ...(loaderData.secretariat ? [{ value: "", label: t("sharing.materials.noEvent") }] : []),
            ...loaderData.events.map((e) => ({ value: e.id, label: `${e.title}（${japanDay(e.starts_at)}）` })),
          ]}
        />
        <Field name="title" label={t("sharing.materials.titleField")} failure={failure} required maxLength={200} />
        <Field
          name="speakerName"
          label={t("sharing.materials.speakerName")}
          failure={failure}
          required
          maxLength={100}
        />
        {loaderData.secretariat && (
          <Field
            name="speakerEmail"
            type="email"
            label={t("sharing.materials.speakerEmail")}
            failure={failure}
            autoComplete="off"
          />
        )}
        <FileField
          name="file"
          label={t("sharing.materials.file")}
          hint={t("sharing.materials.fileHint")}
          accept=".pdf,.pptx,video/mp4,video/webm"
          failure={failure}
        />
        <div className="actions">
          <SubmitButton>{t("sharing.attachments.upload")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

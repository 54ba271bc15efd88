import { Link, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/events.manage.$id.checkin";
import { checkInAttendee } from "#core/events/check-in-attendee.ts";
import { countCheckIns } from "#core/events/count-check-ins.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { getEventForEditing } from "#core/events/get-event-for-editing.ts";
import { listRegistrations } from "#core/events/list-registrations.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import type { RootData } from "../lib/root-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "受付 · Chiiki" }];

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const db = state.services.database.db;
  const q = url.searchParams.get("q")?.trim() ?? "";
  const [event, counts, found] = await orRespond(state, request, () => Promise.all([
    getEventForEditing(db, actor, params.id),
    countCheckIns(db, actor, params.id),
    q ? listRegistrations(db, actor, params.id, { q, status: "confirmed", limit: 20 }) : Promise.resolve(null),
  ]));
  return { event: { id: event.id, title: event.title }, counts, q, found: found?.items.map((r) => ({ id: r.id, name: r.name, organisationName: r.organisationName, checkedInAt: r.checkedInAt })) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const result = await checkInAttendee(eventsDepsFrom(state.services), actor, params.id, { ticket: String(form.get("ticket") ?? "") });
    return { ok: true as const, name: result.name };
  });
}

/**
 * Camera scanning where the browser has BarcodeDetector (Chrome on Android, Safari 17+): a few
 * lines of plain script that put the code in the ticket field and submit the ordinary form.
 * Without it (or without script) staff type the ticket code or search by name.
 */
const SCANNER = `(() => {
  const button = document.getElementById("scan-start");
  const video = document.getElementById("scan-video");
  const form = document.getElementById("checkin-form");
  if (!button || !video || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream; video.hidden = false; await video.play();
    const tick = async () => {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        stream.getTracks().forEach((t) => t.stop()); video.hidden = true;
        form.querySelector("input[name=ticket]").value = codes[0].rawValue;
        form.requestSubmit();
        return;
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
})();`;

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const failure = failureOf(actionData);
  const { event, counts, q, found } = loaderData;
  const done = actionData && !failure ? (actionData as { name: string }).name : null;
  return (
    <section className="page narrow checkin" aria-labelledby="checkin-title">
      <p><Link to={`/events/manage/${event.id}`}>{event.title}</Link></p>
      <h1 id="checkin-title">{t("events.checkin.title")}</h1>
      <p className="lead">{t("events.checkin.count", counts)}</p>
      {done && <Notice tone="success"><p className="checkin__result">{t("events.checkin.done", { name: done })}</p></Notice>}
      <FormError failure={failure} />
      <p className="muted">{t("events.checkin.scanHelp")}</p>
      <button type="button" id="scan-start" className="button button--secondary" hidden>{t("events.checkin.scan")}</button>
      <video id="scan-video" className="checkin__video" hidden muted playsInline />
      <Form method="post" id="checkin-form" noValidate>
        <Field name="ticket" label={t("events.checkin.ticket")} failure={failure} autoComplete="off" autoCapitalize="characters" defaultValue="" key={String(done)} />
        <div className="actions"><SubmitButton>{t("events.checkin.submit")}</SubmitButton></div>
      </Form>
      <Form method="get" className="filters">
        <Field name="q" label={t("events.checkin.search")} defaultValue={q} />
        <div className="actions"><button type="submit" className="button button--secondary">{t("events.checkin.searchSubmit")}</button></div>
      </Form>
      {found && (
        <ul className="card-list">
          {found.map((r) => (
            <li key={r.id}>
              <p>{r.name} <span className="muted">{r.organisationName}</span></p>
              {r.checkedInAt ? (
                <p className="badge badge--sent">{t("events.ticket.checkedIn", { time: "" })}</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="ticket" value={r.id} />
                  <SubmitButton className="button button--small">{t("events.checkin.submit")}</SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <script nonce={root?.nonce} dangerouslySetInnerHTML={{ __html: SCANNER }} />
    </section>
  );
}

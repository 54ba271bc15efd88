/**
 * The public answering page (short URL /s/<survey id>, invitations add ?i=<token>). Server-
 * rendered page by page, phone first, without React on the client: the route sets
 * `handle.scripts = false` and loads one small script of its own, which asks the server to
 * evaluate same-page conditions. The flow is core's (show-answering-page.ts,
 * submit-answering-page.ts); this route reads the request, sets the resume cookie and draws.
 */
import { data, Link, redirect, useHref } from "react-router";
import type { Route } from "./+types/s.$id";
import type { Answers } from "#core/surveys/check-answers.ts";
import { fieldName } from "#core/surveys/answer-form-fields.ts";
import { domIdOf, type PageQuestion } from "#core/surveys/answering-page.ts";
import type { Item, Option } from "#core/surveys/definition.ts";
import type { SelfCheckScore } from "#core/surveys/self-check-score.ts";
import { pageNumber, SELF_CHECK_RESULT_PARAMETER, showAnsweringPage } from "#core/surveys/show-answering-page.ts";
import { submitAnsweringPage } from "#core/surveys/submit-answering-page.ts";
import { RESUME_PARAMETER } from "#core/surveys/mail-resume-link.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { newResumeSecret, readResumeSecret, resumeCookie, wellFormedSurveyId } from "./s.answer-form.server.ts";

export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const url = new URL(request.url);
  // A mailed resume link (?r=<secret>): keep the secret as this browser's resume cookie, and
  // drop it from the address bar and history.
  const mailed = url.searchParams.get(RESUME_PARAMETER);
  if (mailed && /^[\w-]{20,100}$/.test(mailed) && wellFormedSurveyId(params.id))
    throw redirect(`/s/${params.id}`, {
      headers: { "Set-Cookie": resumeCookie(params.id, mailed, state.services.env.secureCookies) },
    });
  const screen = await orRespond(state, request, () =>
    showAnsweringPage(state.services.accounts, state.actor, {
      surveyId: params.id,
      page: pageNumber(url.searchParams.get("page")),
      preview: url.searchParams.get("preview") === "1",
      done: url.searchParams.has("done"),
      invitationToken: url.searchParams.get("i"),
      resumeSecret: readResumeSecret(request, params.id),
      responseId: url.searchParams.get(SELF_CHECK_RESULT_PARAMETER),
      locale: state.locale,
    }),
  );
  return { ...screen, nonce: state.nonce };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const token = new URL(request.url).searchParams.get("i");
  const form = await request.formData();
  const headers = new Headers();
  const secure = state.services.env.secureCookies;
  let secret = token ? null : (readResumeSecret(request, params.id) ?? null);
  // No cookie for a path that names no survey (core answers it with 404).
  if (!token && !secret && wellFormedSurveyId(params.id)) {
    secret = newResumeSecret();
    headers.append("Set-Cookie", resumeCookie(params.id, secret, secure));
  }
  const outcome = await orRespond(state, request, () =>
    submitAnsweringPage(
      { ...state.services.accounts, limitRate: state.services.limitRate },
      {
        surveyId: params.id,
        form,
        invitationToken: token,
        resumeSecret: secret,
        locale: state.locale,
      },
    ),
  );
  if (outcome.kind === "screen")
    return data({ ...outcome.screen, nonce: state.nonce }, { status: outcome.status, headers });
  if (outcome.completed && !token) headers.append("Set-Cookie", resumeCookie(params.id, null, secure));
  throw redirect(outcome.location, { headers });
}

type T = ReturnType<typeof useT>;

const IPA_SELF_CHECK_URL = "https://www.ipa.go.jp/security/guide/sme/5minutes.html";

/** The end page of IPA's 自社診断: the server's score, IPA's band and what to do next. */
function SelfCheckResult({ score, t }: { score: SelfCheckScore; t: T }) {
  return (
    <section className={`sv-result sv-result--${score.band}`} aria-labelledby="sv-result-title">
      <h2 id="sv-result-title">{t("surveys.selfCheck.title")}</h2>
      <p className="sv-result__score" data-band={score.band}>
        {t("surveys.selfCheck.score", { total: score.total })}
      </p>
      <p className="sv-result__band">
        <strong>{t(`surveys.selfCheck.band.${score.band}`)}</strong>
        <br />
        {t(`surveys.selfCheck.next.${score.band}`)}
      </p>
      <p>{t(`surveys.selfCheck.advice.${score.band}`)}</p>
      {score.unknown.length > 0 && <p>{t("surveys.selfCheck.unknown", { count: score.unknown.length })}</p>}
      <ul className="plain-list">
        {score.parts.map((p) => (
          <li key={p.name}>
            {t("surveys.selfCheck.part", {
              part: t(`surveys.selfCheck.part.${p.name as "part1"}`),
              points: p.points,
              max: p.max,
            })}
          </li>
        ))}
      </ul>
      <p className="sv-note">
        {t("surveys.selfCheck.source")}{" "}
        <a href={IPA_SELF_CHECK_URL} rel="noopener noreferrer">
          {t("surveys.selfCheck.sourceLink")}
        </a>
      </p>
    </section>
  );
}

function OptionInput({
  type,
  name,
  option,
  checked,
}: {
  type: "radio" | "checkbox";
  name: string;
  option: Option;
  checked: boolean;
}) {
  return (
    <label className="sv-option">
      <input type={type} name={name} value={option.value} defaultChecked={checked} />
      <span>{option.label}</span>
    </label>
  );
}

const chosen = (value: unknown, v: string) =>
  Array.isArray(value) ? value.map(String).includes(v) : value !== undefined && value !== null && String(value) === v;

/** SurveyJS input types a browser draws natively; the rest are plain text fields. */
const INPUT_TYPES = new Set(["number", "email", "tel", "url", "date", "time", "datetime-local", "month", "week"]);
const inputTypeOf = (t: string) => (t === "range" ? "number" : INPUT_TYPES.has(t) ? t : "text");

/** One cell of a matrixdropdown / matrixdynamic row, a paneldynamic field, a multipletext item. */
function Cell(props: { item: Item; name: string; value: unknown; label: string; caption?: string; t: T }) {
  const control = <CellControl {...props} />;
  // Radio and checkbox cells carry their own legend; a field or a list gets a visible caption.
  if (
    !props.caption ||
    (props.item.options && (props.item.multiple || ["radiogroup", "boolean", "rating"].includes(props.item.cellType)))
  )
    return control;
  return (
    <div className="sv-item">
      <span aria-hidden="true">{props.caption}</span>
      {control}
    </div>
  );
}

function CellControl({
  item,
  name,
  value,
  label,
  t,
}: {
  item: Item;
  name: string;
  value: unknown;
  label: string;
  t: T;
}) {
  if (!item.options) {
    return item.cellType === "comment" ? (
      <textarea name={name} rows={3} maxLength={4000} aria-label={label} defaultValue={String(value ?? "")} />
    ) : (
      <input
        type={inputTypeOf(item.inputType)}
        name={name}
        maxLength={4000}
        aria-label={label}
        defaultValue={value === undefined || value === null ? "" : String(value)}
      />
    );
  }
  if (item.multiple || ["radiogroup", "boolean", "rating"].includes(item.cellType)) {
    return (
      <fieldset className="sv-cell">
        <legend>{label}</legend>
        {item.options.map((o) => (
          <OptionInput
            key={o.value}
            type={item.multiple ? "checkbox" : "radio"}
            name={name}
            option={o}
            checked={chosen(value, o.value)}
          />
        ))}
      </fieldset>
    );
  }
  return (
    <select name={name} aria-label={label} defaultValue={value === undefined || value === null ? "" : String(value)}>
      <option value="">{t("surveys.answer.choose")}</option>
      {item.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A tag box: without JavaScript a native multiple select (posted like a checkbox list); the
 * module script /survey-tagbox.js turns it into a chip picker and keeps the select as the
 * answer, so the form posts the same fields either way.
 */
function Tagbox({
  q,
  value,
  other,
  titleId,
  t,
}: {
  q: PageQuestion;
  value: unknown;
  other: unknown;
  titleId: string;
  t: T;
}) {
  const options = q.hasOther ? [...q.choices, { value: "other", label: q.otherLabel }] : q.choices;
  const selected = options.filter((o) => chosen(value, o.value)).map((o) => o.value);
  const hintId = `h-${domIdOf(q)}`;
  return (
    <div
      className="sv-tagbox"
      data-tagbox=""
      data-placeholder={t("surveys.answer.tagboxPlaceholder")}
      data-remove={t("surveys.answer.tagboxRemove", { label: "{label}" })}
      data-added={t("surveys.answer.tagboxAdded", { label: "{label}" })}
      data-removed={t("surveys.answer.tagboxRemoved", { label: "{label}" })}
      data-none={t("surveys.answer.tagboxNone")}
      data-chosen={t("surveys.answer.tagboxChosen")}
    >
      <p className="sv-desc" id={hintId} data-tagbox-hint="">
        {t("surveys.answer.tagboxHint")}
      </p>
      <select
        multiple
        name={q.name}
        defaultValue={selected}
        aria-labelledby={titleId}
        aria-describedby={hintId}
        size={Math.min(Math.max(options.length, 2), 8)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {q.hasOther && (
        <div className="sv-tagbox-other" data-tagbox-other="">
          <label htmlFor={`o-${domIdOf(q)}`}>{`${q.otherLabel}（${t("surveys.answer.specify")}）`}</label>
          <input
            id={`o-${domIdOf(q)}`}
            type="text"
            name={`${q.name}-Comment`}
            defaultValue={String(other ?? "")}
            maxLength={4000}
          />
        </div>
      )}
    </div>
  );
}

function QuestionBody({ q, values, titleId, t }: { q: PageQuestion; values: Answers; titleId: string; t: T }) {
  const value = values[q.name];
  const otherInput = q.hasOther ? (
    <input
      type="text"
      name={`${q.name}-Comment`}
      aria-label={`${q.otherLabel}（${t("surveys.answer.specify")}）`}
      defaultValue={String(values[`${q.name}-Comment`] ?? "")}
      maxLength={4000}
    />
  ) : null;
  const other = { value: "other", label: q.otherLabel };
  switch (q.type) {
    case "radiogroup":
    case "boolean":
    case "rating":
    case "checkbox": {
      const type = q.kind === "multiple" ? "checkbox" : "radio";
      return (
        <div className={q.type === "rating" ? "sv-rating" : undefined}>
          {q.choices.map((c) => (
            <OptionInput key={c.value} type={type} name={q.name} option={c} checked={chosen(value, c.value)} />
          ))}
          {q.hasOther && (
            <div className="sv-other">
              <OptionInput type={type} name={q.name} option={other} checked={chosen(value, "other")} />
              {otherInput}
            </div>
          )}
        </div>
      );
    }
    case "tagbox":
      return <Tagbox q={q} value={value} other={values[`${q.name}-Comment`]} titleId={titleId} t={t} />;
    case "dropdown":
      return (
        <>
          <select name={q.name} defaultValue={value === undefined ? "" : String(value)} aria-labelledby={titleId}>
            <option value="">{t("surveys.answer.choose")}</option>
            {q.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
            {q.hasOther && <option value="other">{q.otherLabel}</option>}
          </select>
          {otherInput}
        </>
      );
    case "matrix": {
      const rows = (value ?? {}) as Record<string, unknown>;
      return q.rows.map((r) => (
        <fieldset key={r.value} className="sv-row">
          <legend>{r.label}</legend>
          {q.columns.map((c) => (
            <OptionInput
              key={c.value}
              type="radio"
              name={fieldName(q.name, r.value)}
              option={c}
              checked={chosen(rows[r.value], c.value)}
            />
          ))}
        </fieldset>
      ));
    }
    case "ranking": {
      const order = Array.isArray(value) ? value.map(String) : [];
      return (
        <>
          <p className="sv-desc">{t("surveys.answer.rankingHint")}</p>
          {q.rows.map((r) => (
            <label key={r.value} className="sv-rank">
              <select
                name={fieldName(q.name, r.value)}
                defaultValue={order.includes(r.value) ? String(order.indexOf(r.value) + 1) : ""}
              >
                <option value="">—</option>
                {q.columns.map((c) => (
                  <option key={c.value} value={c.value}>
                    {t("surveys.answer.rank", { n: c.value })}
                  </option>
                ))}
              </select>
              <span>{r.label}</span>
            </label>
          ))}
        </>
      );
    }
    case "multipletext": {
      const items = (value ?? {}) as Record<string, unknown>;
      return q.items.map((item) => (
        <Cell
          key={item.value}
          item={item}
          name={fieldName(q.name, item.value)}
          value={items[item.value]}
          label={item.label}
          caption={item.label}
          t={t}
        />
      ));
    }
    case "matrixdropdown": {
      const rows = (value ?? {}) as Record<string, Record<string, unknown>>;
      const byRow = new Map<string, Item[]>();
      for (const item of q.items) byRow.set(item.row!, [...(byRow.get(item.row!) ?? []), item]);
      return [...byRow].map(([row, items]) => (
        <fieldset key={row} className="sv-row">
          <legend>{items[0]!.label.split("：")[0]}</legend>
          {items.map((item) => (
            <Cell
              key={item.value}
              item={item}
              name={fieldName(q.name, row, item.column!)}
              value={rows[row]?.[item.column!]}
              label={item.label}
              caption={item.label.split("：").slice(1).join("：")}
              t={t}
            />
          ))}
        </fieldset>
      ));
    }
    case "matrixdynamic":
    case "paneldynamic": {
      const entries = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
      return (
        <>
          {Array.from({ length: q.entries }, (_, i) => {
            const legend = t("surveys.answer.entry", { n: i + 1 });
            return (
              <fieldset key={i} className="sv-row">
                <legend>{legend}</legend>
                {q.items.map((item) => (
                  <Cell
                    key={item.value}
                    item={item}
                    name={fieldName(q.name, i, item.value)}
                    value={entries[i]?.[item.value]}
                    label={`${legend} ${item.label}`}
                    caption={item.label}
                    t={t}
                  />
                ))}
              </fieldset>
            );
          })}
          {/* After the entries: the first thing under the question's legend must be visible (CSS clears the float). */}
          <input type="hidden" name={fieldName(q.name, "entries")} value={q.entries} />
          <button type="submit" name="_action" value="more" className="button button--secondary">
            {t("surveys.answer.moreEntries")}
          </button>
        </>
      );
    }
    case "comment":
      return (
        <textarea
          name={q.name}
          rows={4}
          maxLength={4000}
          aria-labelledby={titleId}
          defaultValue={String(value ?? "")}
        />
      );
    case "text":
      return (
        <input
          type={inputTypeOf(q.inputType)}
          name={q.name}
          maxLength={4000}
          aria-labelledby={titleId}
          defaultValue={value === undefined || value === null ? "" : String(value)}
        />
      );
    default:
      return null;
  }
}

function Question({ q, values, error, t }: { q: PageQuestion; values: Answers; error?: string; t: T }) {
  const id = domIdOf(q);
  const errorId = `e-${id}`;
  const titleId = `t-${id}`;
  const live = q.live ? { "data-live": "", "data-shown": String(q.shown), "data-enabled": String(q.enabled) } : {};
  if (q.kind === "display") {
    return (
      <div className="sv-q sv-display" id={`q-${id}`} data-name={q.name} {...live}>
        {q.title && q.type === "expression" && <p className="sv-title">{q.title}</p>}
        {q.type === "html" && <p>{q.content}</p>}
        {q.type === "image" && q.content && <img src={q.content} alt={q.altText} className="sv-image" />}
        {q.type === "expression" && <output data-display="">{q.display}</output>}
      </div>
    );
  }
  return (
    <fieldset
      className={`sv-q${error ? " sv-q--invalid" : ""}`}
      id={`q-${id}`}
      data-name={q.name}
      disabled={!q.enabled && !q.live}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      {...live}
    >
      <legend id={titleId}>
        {q.panels.length > 0 && <span className="sv-panel">{q.panels.join(" › ")} </span>}
        {q.title}{" "}
        <span
          className={q.required ? "sv-req" : "sv-opt"}
          data-required-text={t("surveys.answer.required")}
          data-optional-text={t("surveys.answer.optional")}
        >
          {q.required ? t("surveys.answer.required") : t("surveys.answer.optional")}
        </span>
      </legend>
      {q.description && <p className="sv-desc">{q.description}</p>}
      {error && (
        <p className="sv-error" id={errorId}>
          {error}
        </p>
      )}
      <QuestionBody q={q} values={values} titleId={titleId} t={t} />
    </fieldset>
  );
}

export default function AnswerSurvey({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = actionData ?? loaderData;
  const message = {
    closed: t("surveys.answer.closed"),
    answered: t("surveys.answer.alreadyAnswered"),
    invalid: t("surveys.answer.invalidLink"),
    done: t("surveys.answer.thanks"),
    answering: "",
  }[d.status];
  const query = d.token ? `?i=${encodeURIComponent(d.token)}` : "";
  // A plain form (it works without JavaScript): its addresses under the community's prefix.
  const surveyPath = useHref(`/s/${d.surveyId}`);
  const errorCount = Object.keys(d.errors).length;
  return (
    <section className="sv" aria-labelledby="sv-title">
      <h1 id="sv-title">{d.title}</h1>
      {message && (
        <p className={d.status === "done" ? "notice notice--success" : "notice notice--info"} role="status">
          {message}
        </p>
      )}
      {d.status === "done" && d.selfCheck && <SelfCheckResult score={d.selfCheck} t={t} />}
      {d.view && (
        <form
          method="post"
          action={`${surveyPath}${query}`}
          data-conditions={d.preview ? undefined : `${surveyPath}/conditions${query}`}
          noValidate
          className="sv-form"
        >
          <p className="sv-progress">{t("surveys.answer.progress", { page: d.view.position, count: d.view.count })}</p>
          {d.view.title && <h2>{d.view.title}</h2>}
          {errorCount > 0 && (
            <p className="notice notice--error" role="alert">
              {t("surveys.answer.fixErrors", { count: errorCount })}
            </p>
          )}
          <input type="hidden" name="_page" value={d.view.page} />
          {d.view.questions.map((q) => (
            <Question key={q.name} q={q} values={d.values} error={d.errors[q.name]} t={t} />
          ))}
          {d.preview ? (
            <p className="notice notice--info">
              {t("surveys.answer.previewNotice")}{" "}
              {d.view.previous !== null && (
                <Link reloadDocument to={`/s/${d.surveyId}?preview=1&page=${d.view.previous}`}>
                  {t("surveys.answer.back")}
                </Link>
              )}{" "}
              {d.view.next !== null && (
                <Link reloadDocument to={`/s/${d.surveyId}?preview=1&page=${d.view.next}`}>
                  {t("surveys.answer.next")}
                </Link>
              )}
            </p>
          ) : (
            <div className="actions sv-actions">
              {d.view.next === null ? (
                <button type="submit" name="_action" value="submit" className="button">
                  {t("surveys.answer.submit")}
                </button>
              ) : (
                <button type="submit" name="_action" value="next" className="button">
                  {t("surveys.answer.next")}
                </button>
              )}
              {d.view.previous !== null && (
                <button type="submit" name="_action" value="back" className="button button--secondary">
                  {t("surveys.answer.back")}
                </button>
              )}
            </div>
          )}
          <p className="sv-note">{t("surveys.answer.privacy")}</p>
          {d.scored && d.forOrganisation && <p className="sv-note">{t("surveys.selfCheck.recordNotice")}</p>}
          {d.canMailLink && !d.preview && (
            // Its own submit button: the page's answers are saved, then the link is mailed.
            <details className="sv-resume" open={Boolean(d.errors._email) || d.notice === "resume-mailed"}>
              <summary>{t("surveys.answer.resumeTitle")}</summary>
              {d.notice === "resume-mailed" ? (
                <p className="notice notice--success" role="status">
                  {t("surveys.answer.resumeMailed")}
                </p>
              ) : (
                <p className="sv-desc">{t("surveys.answer.resumeHint")}</p>
              )}
              <label htmlFor="sv-resume-email">{t("surveys.answer.resumeEmail")}</label>
              {d.errors._email && (
                <p className="sv-error" id="sv-resume-error">
                  {d.errors._email}
                </p>
              )}
              <input
                id="sv-resume-email"
                type="email"
                name="_email"
                autoComplete="email"
                maxLength={254}
                aria-describedby={d.errors._email ? "sv-resume-error" : undefined}
              />
              <button type="submit" name="_action" value="mail-link" className="button button--secondary">
                {t("surveys.answer.resumeSend")}
              </button>
            </details>
          )}
        </form>
      )}
      <script src="/survey-answer.js" nonce={d.nonce} defer />
      {d.view?.questions.some((q) => q.type === "tagbox") && (
        <script type="module" src="/survey-tagbox.js" nonce={d.nonce} />
      )}
    </section>
  );
}

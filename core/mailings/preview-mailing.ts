import { type Locale, translate } from "../../i18n/index.ts";
import { accountLocale } from "../accounts/account-locales.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { decideAccess } from "../sharing/decide-access.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { findCarriedPost } from "./carried-post.ts";
import { loadRecipientViewer } from "../sharing/load-viewer.ts";
import { postSubject } from "../sharing/posts.ts";
import { findMailing, mailingSettings, mailingView } from "./mailing-settings.ts";
import { renderMailing, type RenderedMailing } from "./render-mailing.ts";
import { resolveAudience, type Recipient } from "./resolve-audience.ts";

/**
 * The audience as it stands now and one recipient's message exactly as they would get it (the
 * list is resolved again when the mailing is sent). `entitled` says whether the carried post may
 * go to this recipient.
 */
export async function previewMailing(
  deps: SharingDeps,
  actor: Actor,
  id: string,
  index = 0,
): Promise<{
  count: number;
  recipients: Recipient[];
  index: number;
  message: RenderedMailing | null;
  entitled: boolean;
}> {
  requireSecretariat(actor);
  const mailing = mailingView(await findMailing(deps.db, id));
  const recipients = await resolveAudience(deps.db, mailing.audience);
  const at = Math.min(Math.max(0, index), Math.max(0, recipients.length - 1));
  const recipient = recipients[at];
  if (!recipient) return { count: 0, recipients: [], index: 0, message: null, entitled: true };
  const post = await findCarriedPost(deps, mailing.postId);
  const { communityName } = await mailingSettings(deps.db);
  const entitled = !post || decideAccess(await loadRecipientViewer(deps.db, recipient), postSubject(post)).allowed;
  const message = renderMailing(mailing, recipient, {
    baseUrl: deps.baseUrl,
    secret: deps.secret,
    communityId: deps.shared?.communityId,
    communityName,
    post: post && { id: post.id, title: post.title, tlp: post.tlp, summary: post.summary },
  });
  return { count: recipients.length, recipients: recipients.slice(0, 200), index: at, message, entitled };
}

/** Sends the mailing, merged for the actor, to the actor's own address (or one given), marked as a test. */
export async function sendTestMailing(
  deps: SharingDeps,
  actor: Actor,
  id: string,
  to?: string,
  /** Which version to test: the address's account language unless given. */
  locale?: Locale,
): Promise<{ to: string }> {
  requireSecretariat(actor);
  const address = (to || (actor.kind === "user" ? actor.email : "")).trim().toLowerCase();
  const mailing = mailingView(await findMailing(deps.db, id));
  const { communityName } = await mailingSettings(deps.db);
  const post = await findCarriedPost(deps, mailing.postId);
  const recipient: Recipient = {
    email: address,
    name: actor.kind === "user" ? actor.name : "テスト",
    organisationName: communityName,
    personId: null,
    locale: locale ?? (await accountLocale(deps.db, { email: address })),
  };
  const message = renderMailing(mailing, recipient, {
    baseUrl: deps.baseUrl,
    secret: deps.secret,
    communityId: deps.shared?.communityId,
    communityName,
    post: post && { id: post.id, title: post.title, tlp: post.tlp, summary: post.summary },
  });
  await deps.db.transaction().execute(async (trx) => {
    await enqueueMail(trx, deps.clock, {
      to: address,
      subject: `${translate(message.locale, "mailings.mail.testPrefix")} ${message.subject}`,
      text: message.text,
      headers: message.headers,
      kind: "announcement",
    });
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.test-send",
      entityType: "mailing",
      entityId: id,
      after: { to: address },
    });
  });
  deps.onMailQueued?.();
  return { to: address };
}

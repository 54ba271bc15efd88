import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { MailAttachment } from "./enqueue-mail.ts";

export interface MailEnvelope {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers: Record<string, string>;
  messageId: string;
  attachments?: MailAttachment[] | undefined;
}

/** A failure the server will repeat however often we retry (SMTP 5xx): recorded as a bounce. */
export class PermanentDeliveryError extends Error {}

export interface MailTransport {
  send(mail: MailEnvelope): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, pooled; `smtp://user:pass@host:port` or `smtps://…`. The pool keeps 5
 * connections and reconnects after 1,000 messages on one (nodemailer's default, 100, spends a
 * new connection, TLS handshake and AUTH every 100 messages; 1,000 is also Exim's per-connection
 * limit). A URL with its own query string (`?pool=true&maxMessages=20`) sets these itself.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(
    smtpUrl.includes("?") ? smtpUrl : `${smtpUrl}?pool=true&maxMessages=1000`,
  );
  return {
    async send(mail) {
      try {
        await transporter.sendMail(toNodemailer(mail));
      } catch (error: any) {
        if (typeof error?.responseCode === "number" && error.responseCode >= 500) {
          throw new PermanentDeliveryError(String(error.response ?? error.message), { cause: error });
        }
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}

/**
 * Development and tests without SMTP: each message becomes an `.eml` file in `dir` (written to a
 * temporary name first, so a reader never sees half a message).
 */
export function createFileTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const info = await composer.sendMail(toNodemailer(mail));
      const name = mail.messageId.replace(/[<>]/g, "").replace(/[^\w.@-]/g, "_");
      const target = path.join(dir, `${name}.eml`);
      await writeFile(`${target}.tmp`, info.message as Buffer);
      await rename(`${target}.tmp`, target);
    },
    close: () => composer.close(),
  };
}

function toNodemailer(mail: MailEnvelope) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId,
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  };
}

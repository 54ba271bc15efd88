/**
 * A real SMTP server (the `smtp-server` package) in a separate process, for delivery tests: the
 * app's nodemailer transport talks to it over TCP exactly as to a provider's relay.
 *
 *   const smtp = await startSmtpServer();          // smtp.url is smtp://127.0.0.1:PORT
 *   …deliver…
 *   const [message] = await smtp.messages();       // parsed: from, to, subject, messageId, text
 *   await smtp.setMode("tempfail", { times: 2 });  // the next two messages get a 451
 *   await smtp.stop();
 *
 * Every accepted message is appended to a JSON-lines file before the server answers 250, so
 * "the client saw 250" implies "the message is recorded" even if this process dies afterwards.
 * The file is read back by the test process; modes are set over IPC.
 */
import { type ChildProcess, fork } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * accept: 250 · reject: 550 (permanent) · tempfail: 451 (try again later) · drop: the connection
 * is cut mid-DATA · hold: the message is taken but never answered (a sender stuck mid-delivery).
 */
export type SmtpMode = "accept" | "reject" | "tempfail" | "drop" | "hold";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  receivedAt: string;
}

export interface SmtpServer {
  readonly url: string;
  readonly port: number;
  /** Messages accepted so far, in arrival order. */
  messages(): Promise<ReceivedMail[]>;
  /** Waits until at least `count` messages were accepted. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** How the server answers from now on; with `times`, only that many messages, then "accept". */
  setMode(mode: SmtpMode, options?: { times?: number }): Promise<void>;
  /** Resolves once `count` messages in all have been held unanswered ("hold" mode). */
  waitUntilHolding(count?: number, timeoutMs?: number): Promise<void>;
  /** Forgets the messages received so far (between tests). */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

type Command = { type: "mode"; mode: SmtpMode; times: number | null };
type Report = { type: "listening"; port: number } | { type: "mode-set" } | { type: "holding" };

const thisFile = fileURLToPath(import.meta.url);

export async function startSmtpServer(): Promise<SmtpServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-smtp-"));
  const log = path.join(dir, "received.jsonl");
  const child: ChildProcess = fork(thisFile, ["--serve", log], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`SMTP server process exited (${code})`)));
    child.on("message", (report: Report) => {
      if (report.type === "listening") resolve(report.port);
    });
  });

  let held = 0;
  child.on("message", (report: Report) => {
    if (report.type === "holding") held++;
  });

  const messages = async (): Promise<ReceivedMail[]> => {
    if (!existsSync(log)) return [];
    // The server process appends a line per message; a read may catch the last one half written,
    // so only lines that a newline ends are messages yet.
    const text = readFileSync(log, "utf8");
    return text
      .slice(0, text.lastIndexOf("\n") + 1)
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ReceivedMail);
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitForMessages(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const received = await messages();
        if (received.length >= count) return received;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} messages, the SMTP server has ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async setMode(mode, options = {}) {
      const acknowledged = new Promise<void>((resolve) => {
        const listener = (report: Report) => {
          if (report.type !== "mode-set") return;
          child.off("message", listener);
          resolve();
        };
        child.on("message", listener);
      });
      child.send({ type: "mode", mode, times: options.times ?? null } satisfies Command);
      await acknowledged;
    },
    async waitUntilHolding(count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (held < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} held messages, the SMTP server holds ${held}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async clear() {
      writeFileSync(log, "");
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the server process ----------------------------------------------------------------

async function serve(log: string): Promise<void> {
  const { SMTPServer } = await import("smtp-server");
  let mode: SmtpMode = "accept";
  let remaining: number | null = null;

  /** The mode for the message now ending; a counted mode falls back to "accept" when used up. */
  const takeMode = (): SmtpMode => {
    const current = mode;
    if (current !== "accept" && remaining !== null && --remaining <= 0) {
      mode = "accept";
      remaining = null;
    }
    return current;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const now = takeMode();
        if (now === "drop") {
          // Cut the connection without an answer, as a relay that crashes mid-message would.
          for (const connection of (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
          ).connections) {
            if (connection.id === session.id) connection._socket.destroy();
          }
          return;
        }
        if (now === "hold") {
          process.send!({ type: "holding" } satisfies Report);
          return; // no answer, ever: the sender waits until it gives up or dies
        }
        if (now === "reject")
          return callback(Object.assign(new Error("5.7.1 Message rejected"), { responseCode: 550 }));
        if (now === "tempfail")
          return callback(Object.assign(new Error("4.3.0 Try again later"), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMessage(raw);
        const record: ReceivedMail = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
          receivedAt: new Date().toISOString(),
        };
        appendFileSync(log, `${JSON.stringify(record)}\n`);
        callback(null, "2.0.0 Recorded");
      });
    },
  });
  server.on("error", (error) => console.error("smtp test server:", error.message));
  server.listen(0, "127.0.0.1", () => {
    const address = server.server.address();
    process.send!({
      type: "listening",
      port: typeof address === "object" && address ? address.port : 0,
    } satisfies Report);
  });
  process.on("message", (command: Command) => {
    if (command.type === "mode") {
      mode = command.mode;
      remaining = command.times;
      process.send!({ type: "mode-set" } satisfies Report);
    }
  });
  // Everything accepted is already on disk; held connections need no goodbye.
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
}

/** Just enough MIME to read what nodemailer writes: headers with encoded words, one text part. */
export function parseMessage(raw: string): Pick<ReceivedMail, "from" | "to" | "subject" | "messageId" | "text"> {
  const { headers, body } = splitEntity(raw);
  const text = textOf(headers, body);
  return {
    from: decodeWords(headers.get("from") ?? ""),
    to: decodeWords(headers.get("to") ?? ""),
    subject: decodeWords(headers.get("subject") ?? ""),
    messageId: (headers.get("message-id") ?? "").trim(),
    text,
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, "\n");
  const end = normalised.indexOf("\n\n");
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? "" : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith("--"));
    for (const part of parts) {
      const entity = splitEntity(part.replace(/^\n/, ""));
      const partType = entity.headers.get("content-type") ?? "text/plain";
      if (/^(text\/plain|multipart\/)/i.test(partType)) return textOf(entity.headers, entity.body);
    }
    return "";
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  return body.replace(/\n$/, "");
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
    .replace(/[^%\x21-\x7e\s]/g, encodeURIComponent)
    .replace(/%(?![0-9A-F]{2})/gi, "%25");
  return decodeURIComponent(bytes.replace(/\n$/, ""));
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

if (process.argv[1] === thisFile && process.argv[2] === "--serve") {
  await serve(process.argv[3]!);
}

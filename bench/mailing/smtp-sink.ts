/**
 * A local SMTP server process for the mailing bench (the `smtp-server` package): accepts every
 * message and appends its Message-ID to a log file before answering 250, so "the client saw 250"
 * implies "recorded". Run as its own process so the bench can kill -9 it and start it again on
 * the same port.
 *
 *   node bench/mailing/smtp-sink.ts <port> <log-file>
 */
import { appendFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

const [port, log] = [Number(process.argv[2]), process.argv[3]!];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  maxClients: 100,
  onData(stream, _session, callback) {
    let head = "";
    stream.on("data", (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString("utf8");
    });
    stream.on("end", () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "(none)";
      appendFileSync(log, `${id}\n`);
      callback(null, "2.0.0 Recorded");
    });
  },
});
server.on("error", (error) => console.error("smtp sink:", error.message));
server.listen(port, "127.0.0.1", () => process.send?.("listening"));

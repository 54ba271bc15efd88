/**
 * `npx chiiki <command>`: reads the same configuration as the server (server/env.ts), builds the
 * same services without the mail worker, and runs one command from cli/commands/.
 *
 * Exit codes: 0 done; 1 configuration or runtime failure; 2 wrong arguments or invalid input.
 * Results go to stdout, everything else to stderr.
 */
import { isAppError } from "../core/shared/errors.ts";
import { createTranslate, isLocale, type Locale, translateDynamic } from "../i18n/index.ts";
import { EnvError, loadEnv } from "../server/env.ts";
import { createServices } from "../server/services.ts";
import { findCommunity, firstCommunity } from "../db/communities.ts";
import { migrateToLatest } from "../db/create-db.ts";
import { type CliCommand, type CliIO, UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export async function runCli(argv: string[], stdin: NodeJS.ReadStream = process.stdin): Promise<number> {
  const { locale, rest: afterLocale } = takeLocale(argv);
  const { community: communitySlug, rest } = takeCommunity(afterLocale);
  const t = createTranslate(locale);
  const io: CliIO = {
    locale,
    t,
    stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    prompt: (text) => process.stderr.write(text),
  };

  if (rest.length === 0 || rest[0] === "help" || rest[0] === "--help" || rest[0] === "-h") {
    const topic = rest[0] === "help" && rest.length > 1 ? findCommand(rest.slice(1)) : null;
    if (topic) io.out(t("cli.commandUsage", { usage: topic.command.usage }));
    else printHelp(io);
    return rest.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const found = findCommand(rest);
  if (!found) {
    io.err(t("cli.unknownCommand", { command: rest.join(" ") }));
    printHelp({ ...io, out: io.err });
    return EXIT_USAGE;
  }
  const { command, args } = found;
  if (args.includes("--help") || args.includes("-h")) {
    io.out(t("cli.commandUsage", { usage: command.usage }));
    return EXIT_OK;
  }

  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(error.message);
      return EXIT_FAILURE;
    }
    throw error;
  }
  let services;
  try {
    // The CLI reports for itself; the server's JSON logs would only clutter stdout.
    services = await createServices({ ...env, logLevel: "silent" }, { startWorker: false, migrate: false });
  } catch (error) {
    io.err(t("cli.failed", { message: describe(error) }));
    return EXIT_FAILURE;
  }
  try {
    if (command.autoMigrate !== false) await migrateToLatest(services.database.root);
    // The first community unless `--community <slug>` names another (ADR 035).
    const community = communitySlug
      ? await findCommunity(services.database.root, communitySlug)
      : command.autoMigrate !== false
        ? await firstCommunity(services.database.root)
        : services.community;
    if (!community) {
      io.err(t("cli.unknownCommunity", { slug: communitySlug ?? "" }));
      return EXIT_USAGE;
    }
    return (await command.run(args, services.forCommunity(community), io)) ?? EXIT_OK;
  } catch (error) {
    return reportError(error, command, io);
  } finally {
    await services.close();
  }
}

/** `--lang en` (anywhere) switches messages to English; Japanese is the default. */
function takeLocale(argv: string[]): { locale: Locale; rest: string[] } {
  let locale: Locale = "ja";
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--lang" ? argv[++i] : arg.startsWith("--lang=") ? arg.slice(7) : undefined;
    if (value === undefined) rest.push(arg);
    else if (isLocale(value)) locale = value;
  }
  return { locale, rest };
}

/**
 * `--community <slug>` before the command's name: the community it acts for (ADR 035); the first
 * community without it. Only before the name, since `admin create --community NAME` names the
 * installation's community on a first run.
 */
function takeCommunity(argv: string[]): { community: string | undefined; rest: string[] } {
  let community: string | undefined;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--community") community = argv[++i];
    else if (arg.startsWith("--community=")) community = arg.slice(12);
    else break;
  }
  return { community, rest: argv.slice(i) };
}

/** The command whose (possibly several-word) name is the longest prefix of the arguments. */
function findCommand(argv: string[]): { command: CliCommand; args: string[] } | null {
  let best: { command: CliCommand; args: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(" ");
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(" ").length)) {
      best = { command, args: argv.slice(words.length) };
    }
  }
  return best;
}

function printHelp(io: CliIO) {
  io.out(io.t("cli.usage"));
  io.out("");
  io.out(io.t("cli.commands"));
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  io.out(`  ${"help".padEnd(width)}  ${io.t("cli.summary.help")}`);
  for (const command of commands) io.out(`  ${command.name.padEnd(width)}  ${io.t(command.summary)}`);
  io.out("");
  io.out(io.t("cli.helpHint"));
}

function reportError(error: unknown, command: CliCommand, io: CliIO): number {
  const { t, locale } = io;
  if (error instanceof UsageError) {
    io.err(t("cli.badArguments", { detail: error.message }));
    io.err(t("cli.commandUsage", { usage: command.usage }));
    return EXIT_USAGE;
  }
  if (isAppError(error)) {
    const params = { ...error.params };
    // A `reason` param names a catalog entry that explains the error in more detail.
    if (typeof params.reason === "string")
      params.detail = translateDynamic(locale, params.reason, "error.internal", params);
    io.err(translateDynamic(locale, `error.${error.code}`, "error.internal", params));
    for (const issue of error.fields) {
      const option =
        command.fieldOptions?.[issue.field] ?? `--${issue.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      io.err(
        t("cli.fieldError", {
          field: option,
          message: translateDynamic(locale, `field.${issue.code}`, "field.invalid", issue.params),
        }),
      );
    }
    return error.code === "validation-failed" || error.fields.length > 0 ? EXIT_USAGE : EXIT_FAILURE;
  }
  io.err(t("cli.failed", { message: describe(error) }));
  return EXIT_FAILURE;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a `npx chiiki …` command is. Each command lives in its own file in cli/commands/ and is
 * listed in cli/commands/index.ts; `npx chiiki help` shows them all.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { Locale, MessageKey, Translate } from "../i18n/index.ts";
import type { Services } from "../server/services.ts";

export interface CliIO {
  locale: Locale;
  t: Translate;
  /** A result: what scripts read (stdout). */
  out(line: string): void;
  /** Progress, notices and errors (stderr), so stdout stays parseable. */
  err(line: string): void;
  /** Text without a line break on stderr (a prompt before reading a password). */
  prompt(text: string): void;
  stdin: NodeJS.ReadStream;
}

export interface CliCommand {
  /** One or more words, e.g. `token create`; the longest name matching the arguments wins. */
  name: string;
  /** Catalog key of a one-line description for `npx chiiki help`. */
  summary: MessageKey;
  /** The arguments after `npx chiiki`, e.g. `token create --role ROLE --name NAME [--scope ID]`. */
  usage: string;
  /** For validation errors: the option that carries each input field (default `--<field>`). */
  fieldOptions?: Record<string, string>;
  /** The CLI migrates the database before every command except those that say `false`. */
  autoMigrate?: boolean;
  /**
   * Returns the exit code (0 when nothing is returned); throws AppError or UsageError on bad input.
   * Every command module is loaded for every invocation (even `help`): a command that needs heavy
   * libraries (document or chart rendering) should `await import()` them inside `run`.
   */
  run(args: string[], services: Services, io: CliIO): Promise<number | void>;
}

/** Wrong arguments: the CLI prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {}

/** node:util parseArgs, strict, with its errors turned into UsageError. */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(args: string[], options: O, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 0 ? `unexpected argument: ${parsed.positionals[0]}` : `expected ${positionals} argument(s)`,
    );
  }
  return parsed;
}

/** The operator at the command line, as core sees them (trusted like the secretariat). */
export const cliActor = { kind: "system", name: "cli" } as const;

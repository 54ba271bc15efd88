import { type CliCommand, cliActor, parseCommandArgs, UsageError } from "../command.ts";

/** `npx chiiki events remind [--hours 24]`: run hourly from cron; each registrant is reminded once. */
export const eventsRemindCommand: CliCommand = {
  name: "events remind",
  summary: "events.cli.remind.summary",
  usage: "events remind [--hours HOURS]",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { eventsDepsFrom } = await import("../../core/events/deps.ts");
    const { sendDueReminders } = await import("../../core/events/send-due-reminders.ts");
    const { values } = parseCommandArgs(args, { hours: { type: "string" } });
    const hours = values.hours === undefined ? 24 : Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0) throw new UsageError("--hours");
    const result = await sendDueReminders(eventsDepsFrom(services), cliActor, { withinHours: hours });
    io.out(io.t("events.cli.remind.done", result));
  },
};

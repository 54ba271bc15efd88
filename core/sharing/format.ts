import { displayTimeZone } from "../../i18n/dates.ts";

const japanDateTime = new Intl.DateTimeFormat("ja-JP", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: displayTimeZone,
});

/** 2021/02/10 12:00 (Japan time), for stamps on files. */
export function formatJapanDateTime(date: Date): string {
  return `${japanDateTime.format(date)} JST`;
}

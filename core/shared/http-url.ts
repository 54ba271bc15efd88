/**
 * The one rule for links the product stores and shows (feed items, posts, organisation websites,
 * events' online join URLs, activities, press coverage): an absolute http(s) URL with a host.
 * `javascript:`, `data:`, `file:` and the rest are refused, so no stored link can run script when
 * a reader clicks it or be handed on (STIX, Atom) as something other than a web address.
 */
import { z } from "zod";

export function isHttpUrl(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** A trimmed http(s) URL of at most `max` characters; failures carry the catalog code `field.sharing-url`. */
export const httpUrl = (max: number) => z.string().trim().max(max).refine(isHttpUrl, { message: "field.sharing-url" });

/**
 * Where a community lives on the web, and who its mail comes from (ADR 035, item 5): the first
 * community at the installation's own address; every other one under `/c/<slug>/` on it, or at
 * its own host name where one is configured; mail from its own sender where one is set.
 */
import type { Community } from "../../db/communities.ts";

/** `/c/<slug>` at the start of a path: the community it names, and the path inside it. */
const PREFIX = /^\/c\/([^/]+)(\/.*)?$/;

/** The path prefix under which any community is served on the installation's address. */
export function communityPathPrefix(slug: string): string {
  return `/c/${slug}`;
}

/** The slug a path names (`/c/saga/events` → `saga`), and the rest of it (`/events`). */
export function parseCommunityPath(pathname: string): { slug: string; rest: string } | null {
  const match = PREFIX.exec(pathname);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!).toLowerCase();
  } catch {
    return null;
  }
  return { slug, rest: match[2] ?? "/" };
}

/** A request path inside its community's prefix (`/c/saga/events`, `/c/saga` → `/events`). */
export function pathInsidePrefix(pathname: string, basePath: string): string {
  return basePath ? pathname.slice(basePath.length) || "/" : pathname;
}

/**
 * The address every link, mail and feed of a community starts with: its own host name (on the
 * installation's scheme), the installation's address for the first community, else the
 * installation's address and the community's prefix.
 */
export function communityBaseUrl(installationBaseUrl: string, community: Community, isFirst: boolean): string {
  const base = new URL(installationBaseUrl);
  // The same server answers its host name, on the same port unless the host name says otherwise.
  if (community.host)
    return `${base.protocol}//${community.host}${base.port && !community.host.includes(":") ? `:${base.port}` : ""}`;
  if (isFirst) return installationBaseUrl;
  return `${installationBaseUrl}${communityPathPrefix(community.slug)}`;
}

/** Quoted as RFC 5322 wants a display name with anything but letters, digits and spaces. */
function displayName(name: string): string {
  return /^[\p{L}\p{N} ]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * The From of a community's mail: its own sender address (and name) where set, else the
 * installation's MAIL_FROM with the community's sender name where only a name is set.
 */
export function communitySender(community: Community, installationFrom: string): string {
  if (community.sender_address) {
    const name = community.sender_name ?? community.name;
    return `${displayName(name)} <${community.sender_address}>`;
  }
  if (community.sender_name) {
    const address = /<([^>]+)>/.exec(installationFrom)?.[1] ?? installationFrom.trim();
    return `${displayName(community.sender_name)} <${address}>`;
  }
  return installationFrom;
}

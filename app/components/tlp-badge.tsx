import type { Tlp } from "#core/sharing/decide-access.ts";
import { useT } from "../lib/i18n.ts";

/** The TLP label as FIRST prints it (colour on black), with its meaning for screen readers and hover. */
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  const t = useT();
  const modifier = tlp.toLowerCase().replace("+", "-");
  return (
    <span className={`tlp tlp--${modifier}`} title={t(`sharing.tlp.${tlp}`)}>
      TLP:{tlp}
      <span className="visually-hidden"> — {t(`sharing.tlp.${tlp}`)}</span>
    </span>
  );
}

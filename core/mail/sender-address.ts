import addressparser from "nodemailer/lib/addressparser";

/** The address part of a sender such as `長崎地域SECURITY <no-reply@example.jp>` (MAIL_FROM), or null. */
export function senderAddress(mailFrom: string): string | null {
  const [first] = addressparser(mailFrom, { flatten: true });
  return first && "address" in first && first.address ? first.address : null;
}

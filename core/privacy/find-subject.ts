import { type Kysely, sql } from "kysely";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { subjectRef } from "./pseudonym.ts";

/** Whom a request is about: registry records, addresses and the account, however they are linked. */
export interface Subject {
  /** The pseudonym erased rows will carry (`#a1b2c3`). */
  ref: string;
  personIds: string[];
  /** Lower case; every address the person is known by here. */
  emails: string[];
  userId: string | null;
}

/** The person record, its address and its account (linked by `people.user_id` or by the same address). */
export async function subjectOfPerson(db: Kysely<DB>, secret: string, personId: string): Promise<Subject> {
  const person = await db
    .selectFrom("people")
    .select(["id", "email", "user_id"])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!person) throw new AppError("not-found");
  const email = person.email?.toLowerCase() ?? null;
  const user = person.user_id
    ? await db.selectFrom("user").select(["id", "email"]).where("id", "=", person.user_id).executeTakeFirst()
    : email
      ? await userByEmail(db, email)
      : undefined;
  const emails = [...new Set([email, user?.email.toLowerCase()].filter((e): e is string => Boolean(e)))];
  return {
    ref: subjectRef(secret, email ?? `person:${person.id}`),
    personIds: [person.id],
    emails,
    userId: user?.id ?? null,
  };
}

/** Everything held under one address (a registrant's self-service request). */
export async function subjectOfEmail(db: Kysely<DB>, secret: string, address: string): Promise<Subject> {
  const email = address.trim().toLowerCase();
  const people = await db.selectFrom("people").select(["id", "user_id"]).where(sql`lower(email)`, "=", email).execute();
  const user = await userByEmail(db, email);
  // A person record linked to an account (under another address) is the account's too.
  const userId = user?.id ?? people.find((p) => p.user_id)?.user_id ?? null;
  return { ref: subjectRef(secret, email), personIds: people.map((p) => p.id), emails: [email], userId };
}

function userByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom("user").select(["id", "email"]).where(sql`lower(email)`, "=", email).executeTakeFirst();
}

/** `column` names one of the subject's addresses (compared in lower case). */
export function emailIn(column: string, emails: string[]) {
  return emails.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`lower(${sql.ref(column)}) in (${sql.join(emails)})`;
}

/** `column` (JSON text) mentions one of the subject's addresses. */
export function mentionsAny(column: string, emails: string[]) {
  return emails.length === 0
    ? sql<boolean>`1 = 0`
    : sql<boolean>`(${sql.join(
        emails.map((e) => containsInsensitive(column, e)),
        sql` or `,
      )})`;
}

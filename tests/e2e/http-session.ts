/**
 * A browser without a browser: plain form posts and a cookie jar, for tests that need a signed-in
 * session on a server (API checks, several processes) but not the pages' rendering.
 */
import * as OTPAuth from "otpauth";

export class HttpSession {
  private readonly jar = new Map<string, string>();
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The same cookies, presented to another server (another process over the same database). */
  on(baseUrl: string): HttpSession {
    const other = new HttpSession(baseUrl);
    for (const [name, value] of this.jar) other.jar.set(name, value);
    return other;
  }

  remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: "manual",
      headers: { cookie: this.cookie, ...headers },
    });
    this.remember(response);
    return response;
  }

  /** A form post as a browser without JavaScript sends it (same-origin). */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(this.baseUrl).origin,
        cookie: this.cookie,
        ...headers,
      },
      body: new URLSearchParams(fields),
    });
    this.remember(response);
    return response;
  }
}

export interface SecretariatAccount {
  community: string;
  name: string;
  email: string;
  password: string;
}

/** First run through the setup form; the session it leaves is signed in, without TOTP yet. */
export async function firstRun(baseUrl: string, account: SecretariatAccount): Promise<HttpSession> {
  const session = new HttpSession(baseUrl);
  const response = await session.post("/setup", { ...account });
  if (response.status !== 302 || response.headers.get("location") !== "/account/two-factor") {
    throw new Error(`first run failed: ${response.status} ${await response.text()}`);
  }
  return session;
}

/** Enrols TOTP through the enrolment form, as the secretariat must before doing anything. */
export async function enrolTotp(session: HttpSession, password: string): Promise<OTPAuth.TOTP> {
  const started = await session.post("/account/two-factor", { intent: "start", password });
  const html = await started.text();
  const secret = /data-testid="totp-secret"[^>]*>([A-Z2-7=]+)</.exec(html)?.[1];
  const totpURI = /name="totpURI" value="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
  if (!secret || !totpURI) throw new Error(`no TOTP secret on the enrolment page (${started.status})`);
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: "SHA1",
  });
  const verified = await session.post("/account/two-factor", { intent: "verify", totpURI, code: totp.generate() });
  if (verified.status !== 302) throw new Error(`TOTP enrolment failed: ${verified.status}`);
  return totp;
}

/** An invitation through the secretariat's form; the session must have enrolled TOTP. */
export async function invite(
  session: HttpSession,
  person: { email: string; name: string; organisation: string },
): Promise<void> {
  const response = await session.post("/secretariat/invitations", {
    email: person.email,
    name: person.name,
    role: "member",
    scopeId: person.organisation,
    locale: "ja",
  });
  if (response.status !== 200) throw new Error(`invitation of ${person.email} failed: ${response.status}`);
}

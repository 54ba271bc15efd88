import { createContext, RouterContextProvider } from "react-router";
import type { Actor } from "#core/accounts/actor.ts";
import type { Locale, Translate } from "#i18n/index.ts";
import type { Services } from "../server/services.ts";

/** What every loader and action gets for the current request. */
export interface RequestState {
  services: Services;
  actor: Actor;
  locale: Locale;
  t: Translate;
  /** The CSP nonce of this response's inline scripts. */
  nonce: string;
  /** Set when the request carried a bearer token that is unknown or revoked. */
  invalidToken: boolean;
}

export const requestContext = createContext<RequestState>();

export function stateOf(context: Readonly<RouterContextProvider>): RequestState {
  return context.get(requestContext);
}

export function provide(state: RequestState): RouterContextProvider {
  const provider = new RouterContextProvider();
  provider.set(requestContext, state);
  return provider;
}

import { Model } from "survey-core";
import "survey-core/i18n/japanese";
import type { Answers, Locale, SurveyDefinition } from "./definition.ts";

const cache = new Map<string, Model>();
const MAX_CACHED = 32;

/**
 * A survey-core model of the definition holding `data`. Building one takes ~60 ms, so models
 * are kept per definition and reused: callers set the data and read from it synchronously,
 * which on Node's one thread no other request can interleave with.
 */
export function surveyModel(definition: SurveyDefinition, data: Answers, locale: Locale): Model {
  const key = JSON.stringify(definition);
  let model = cache.get(key);
  if (!model) {
    model = new Model(definition);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, model);
  }
  model.locale = locale;
  model.data = data;
  return model;
}

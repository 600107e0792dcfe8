import type { ClientConfig } from '#shared/core/config/client.ts';
import { UNKNOWN_PERSONA } from '#shared/core/config/personas.ts';
import { matchesCondition, type PropertyValues } from './conditions.ts';
import { normalizePropertyValue, normalizeText } from './text.ts';

/** A contact's persona and how it was found. */
export interface PersonaAssignment {
  /** Persona id, or `UNKNOWN_PERSONA` when nothing matched. */
  persona: string;
  matchedBy: 'answer' | 'fallback' | 'none';
}

type Personas = ClientConfig['personas'];

const answerMaps = new WeakMap<Personas, Map<string, string>>();

/**
 * Assigns a persona from the answer to the persona question (ignoring case
 * and whitespace), else from the first fallback rule that holds, else
 * `UNKNOWN_PERSONA`. When two personas list the same answer, the first wins.
 */
export function assignPersona(
  config: Pick<ClientConfig, 'personas'>,
  properties: PropertyValues,
): PersonaAssignment {
  const personas = config.personas;
  const answer = normalizePropertyValue(properties[personas.questionProperty]);
  const answered =
    answer === undefined ? undefined : answersOf(personas).get(answer);
  if (answered !== undefined) return { persona: answered, matchedBy: 'answer' };

  for (const fallback of personas.fallbacks) {
    if (matchesCondition(fallback.when, properties) === true) {
      return { persona: fallback.persona, matchedBy: 'fallback' };
    }
  }
  return { persona: UNKNOWN_PERSONA, matchedBy: 'none' };
}

function answersOf(personas: Personas): Map<string, string> {
  let answers = answerMaps.get(personas);
  if (answers === undefined) {
    answers = new Map();
    for (const persona of personas.items) {
      for (const answer of persona.answers) {
        const normalized = normalizeText(answer);
        if (!answers.has(normalized)) answers.set(normalized, persona.id);
      }
    }
    answerMaps.set(personas, answers);
  }
  return answers;
}

import type { PropertyValues } from '../scoring/conditions.ts';

// {{name}} or {{name|fallback}}; a name is a HubSpot property name or a built-in token.
const TOKEN = /\{\{\s*([a-z0-9_]+)\s*(?:\|([^}]*))?\}\}/gi;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/**
 * Replaces personalisation tokens in a template. A token takes the value of
 * the property it names, or its trimmed fallback when the value is blank, or nothing
 * without a fallback. `encode` applies to values and fallbacks, never to the
 * template itself, which is trusted configuration.
 */
export function fillTokens(
  template: string,
  values: PropertyValues,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(
    TOKEN,
    (_token, name: string, fallback: string | undefined) => {
      const value = values[name.toLowerCase()]?.trim();
      const chosen =
        value === undefined || value === '' ? (fallback?.trim() ?? '') : value;
      return encode(chosen);
    },
  );
}

/** Lists the token names a template uses, lower-cased, each once. */
export function tokenNames(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(TOKEN)) {
    names.add(match[1]!.toLowerCase());
  }
  return [...names];
}

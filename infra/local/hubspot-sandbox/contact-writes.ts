import { validationError, type ErrorResponse } from './errors.ts';
import { normalizeValue } from './property-values.ts';
import type { PropertiesStore } from './properties-store.ts';
import { SYSTEM_PROPERTIES, type StoredContact } from './contacts-store.ts';

/** A contact as the CRM v3 objects endpoints return it (`SimplePublicObject`). */
export interface PublicContact {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** What `GET` returns when the request names no properties. */
const DEFAULT_READ_PROPERTIES = [
  'createdate',
  'email',
  'firstname',
  'hs_object_id',
  'lastmodifieddate',
  'lastname',
];

/** Returns the contact with the requested properties (null where unset) plus the system ones. */
export function toPublicContact(
  contact: StoredContact,
  requested?: readonly string[],
): PublicContact {
  const names = new Set(
    requested === undefined || requested.length === 0
      ? DEFAULT_READ_PROPERTIES
      : requested,
  );
  for (const name of SYSTEM_PROPERTIES) names.add(name);
  const properties: Record<string, string | null> = {};
  for (const name of names)
    properties[name] = contact.properties.get(name) ?? null;
  return {
    id: contact.id,
    properties,
    createdAt: new Date(contact.createdAt).toISOString(),
    updatedAt: new Date(contact.updatedAt).toISOString(),
    archived: false,
  };
}

interface InvalidProperty {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

/**
 * Checks the `properties` of an API write against the portal's definitions and returns the
 * values to store, or HubSpot's 400 listing every invalid property: unknown names, read-only
 * values and values of the wrong type or option.
 */
export function checkApiWrite(
  raw: unknown,
  definitions: PropertiesStore,
): { values: Record<string, string> } | { error: ErrorResponse } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return {
      error: validationError(
        'Invalid input: properties must be an object of property names to values',
      ),
    };
  const values: Record<string, string> = {};
  const problems: InvalidProperty[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const definition = definitions.get(name);
    if (definition === undefined) {
      problems.push({
        isValid: false,
        message: `Property "${name}" does not exist`,
        error: 'PROPERTY_DOESNT_EXIST',
        name,
      });
      continue;
    }
    if (definition.modificationMetadata.readOnlyValue) {
      problems.push({
        isValid: false,
        message: `"${name}" is a read only property; its value cannot be set.`,
        error: 'READ_ONLY_VALUE',
        name,
      });
      continue;
    }
    const checked = normalizeValue(definition, value);
    if (checked.valid) values[name] = checked.value;
    else
      problems.push({
        isValid: false,
        message: checked.message,
        error: checked.error,
        name,
      });
  }
  if (problems.length === 0) return { values };
  return {
    error: validationError(
      `Property values were not valid: ${JSON.stringify(problems)}`,
      problems.map((problem) => ({
        message: problem.message,
        code: problem.error,
        in: problem.name,
      })),
    ),
  };
}

/**
 * Checks the values of a control-API write (standing in for the UI, imports and HubSpot's own
 * analytics): names without a definition are defined as text, read-only values are allowed,
 * and invalid values throw.
 */
export function normalizeControlWrite(
  raw: Record<string, string | number | boolean | null>,
  definitions: PropertiesStore,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (SYSTEM_PROPERTIES.has(name))
      throw new Error(
        `${name} is maintained by the sandbox and cannot be written`,
      );
    definitions.defineIfMissing(name);
    const checked = normalizeValue(definitions.get(name)!, value);
    if (!checked.valid)
      throw new Error(`Invalid value for ${name}: ${checked.message}`);
    values[name] = checked.value;
  }
  return values;
}

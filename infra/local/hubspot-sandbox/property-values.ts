import type { PropertyDefinition } from './properties-store.ts';

/** The result of checking one property value: its stored form, or why it is invalid. */
export type ValueCheck =
  | { valid: true; value: string }
  | { valid: false; error: string; message: string };

const MAX_STRING_LENGTH = 65_536;

/**
 * Checks a written value against its definition and returns the string HubSpot stores: values
 * are strings on the wire, `null` and `""` clear, datetimes come back as ISO and dates as
 * `YYYY-MM-DD`.
 */
export function normalizeValue(
  definition: PropertyDefinition,
  raw: unknown,
): ValueCheck {
  if (raw === null || raw === undefined || raw === '')
    return { valid: true, value: '' };
  if (
    typeof raw !== 'string' &&
    typeof raw !== 'number' &&
    typeof raw !== 'boolean'
  )
    return invalid(
      'INVALID_TYPE',
      `${definition.name} must be a string, number or boolean`,
    );
  const value = String(raw);
  switch (definition.type) {
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== ''
        ? { valid: true, value }
        : invalid('INVALID_INTEGER', `${value} was not a valid number`);
    case 'bool':
      return /^(true|false)$/i.test(value)
        ? { valid: true, value: value.toLowerCase() }
        : invalid(
            'INVALID_BOOLEAN',
            `${value} was not a valid boolean (true or false)`,
          );
    case 'datetime':
      return normalizeDatetime(value);
    case 'date':
      return normalizeDate(value);
    case 'enumeration':
      return checkOptions(definition, value);
    default:
      return value.length <= MAX_STRING_LENGTH
        ? { valid: true, value }
        : invalid(
            'INVALID_STRING',
            `value is longer than ${MAX_STRING_LENGTH} characters`,
          );
  }
}

function normalizeDatetime(value: string): ValueCheck {
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(time)
    ? { valid: true, value: new Date(time).toISOString() }
    : invalid(
        'INVALID_DATETIME',
        `${value} was not a valid datetime (ISO 8601 or epoch milliseconds)`,
      );
}

function normalizeDate(value: string): ValueCheck {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value)))
    return { valid: true, value };
  if (/^\d+$/.test(value) && Number(value) % 86_400_000 === 0)
    return {
      valid: true,
      value: new Date(Number(value)).toISOString().slice(0, 10),
    };
  return invalid(
    'INVALID_DATE',
    `${value} was not a valid date (midnight UTC in milliseconds or YYYY-MM-DD)`,
  );
}

function checkOptions(
  definition: PropertyDefinition,
  value: string,
): ValueCheck {
  const parts = value.split(';').filter((part) => part !== '');
  if (definition.externalOptions)
    return parts.every((part) => /^\d+$/.test(part))
      ? { valid: true, value }
      : invalid(
          'INVALID_OPTION',
          `${value} was not a valid id for ${definition.name}`,
        );
  const allowed = new Set(definition.options.map((option) => option.value));
  const unknown = parts.find((part) => !allowed.has(part));
  return unknown === undefined
    ? { valid: true, value }
    : invalid(
        'INVALID_OPTION',
        `${unknown} was not one of the allowed options: [${[...allowed].join(', ')}]`,
      );
}

function invalid(error: string, message: string): ValueCheck {
  return { valid: false, error, message };
}

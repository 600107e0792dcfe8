import {
  errorResponse,
  notFoundError,
  validationError,
  type ErrorResponse,
} from './errors.ts';
import {
  isValidFieldType,
  PROPERTY_TYPES,
  type PropertiesStore,
  type PropertyOption,
  type PropertyType,
} from './properties-store.ts';
import type { ApiRequest, ApiResponse, Route } from './routes.ts';

const BASE = '/crm/v3/properties/contacts';

/** The CRM v3 contact property and property group endpoints. */
export function propertyRoutes(properties: PropertiesStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: `${BASE}/groups`,
      handler: () => ({
        status: 200,
        body: { results: properties.listGroups() },
      }),
    },
    {
      method: 'POST',
      pattern: `${BASE}/groups`,
      handler: (request) => createGroup(properties, request),
    },
    {
      method: 'GET',
      pattern: BASE,
      handler: () => ({ status: 200, body: { results: properties.list() } }),
    },
    {
      method: 'POST',
      pattern: BASE,
      handler: (request) => createProperty(properties, request),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{propertyName}`,
      handler: (request) => getProperty(properties, request),
    },
  ];
}

function getProperty(
  properties: PropertiesStore,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const name = request.params.propertyName!;
  const definition = properties.get(name);
  return definition === undefined
    ? notFoundError(`Unable to find property ${name} for object type contacts`)
    : { status: 200, body: definition };
}

function createGroup(
  properties: PropertiesStore,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const body = asRecord(request.body);
  if (
    typeof body.name !== 'string' ||
    body.name === '' ||
    typeof body.label !== 'string' ||
    body.label === ''
  )
    return validationError(
      'Invalid input: a property group needs a name and a label',
    );
  if (properties.getGroup(body.name) !== undefined)
    return errorResponse(
      409,
      `A property group named '${body.name}' already exists.`,
      { category: 'OBJECT_ALREADY_EXISTS' },
    );
  const group = {
    name: body.name,
    label: body.label,
    displayOrder:
      typeof body.displayOrder === 'number' ? body.displayOrder : -1,
    archived: false,
  };
  properties.addGroup(group);
  return { status: 201, body: group };
}

function createProperty(
  properties: PropertiesStore,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const body = asRecord(request.body);
  const problem = propertyProblem(properties, body);
  if (problem !== undefined) return validationError(problem);
  const name = body.name as string;
  if (properties.get(name) !== undefined)
    return errorResponse(409, `A property named '${name}' already exists.`, {
      category: 'OBJECT_ALREADY_EXISTS',
    });
  const definition = properties.define({
    name,
    label: body.label as string,
    type: body.type as PropertyType,
    fieldType: body.fieldType as string,
    groupName: body.groupName as string,
    description: typeof body.description === 'string' ? body.description : '',
    options: (body.options as PropertyOption[] | undefined) ?? [],
    displayOrder:
      typeof body.displayOrder === 'number' ? body.displayOrder : -1,
    hidden: body.hidden === true,
    formField: body.formField === true,
    hasUniqueValue: body.hasUniqueValue === true,
  });
  return { status: 201, body: definition };
}

/** Returns why a `PropertyCreate` body is invalid, or undefined when HubSpot would accept it. */
function propertyProblem(
  properties: PropertiesStore,
  body: Record<string, unknown>,
): string | undefined {
  for (const field of ['name', 'label', 'type', 'fieldType', 'groupName'])
    if (typeof body[field] !== 'string' || body[field] === '')
      return `Invalid input: ${field} is required`;
  const name = body.name as string;
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    return `Invalid property name ${name}: use lower-case letters, digits and underscores, starting with a letter`;
  const type = body.type as string;
  if (!(PROPERTY_TYPES as readonly string[]).includes(type))
    return `Invalid type ${type}: allowed are ${PROPERTY_TYPES.join(', ')}`;
  if (!isValidFieldType(type as PropertyType, body.fieldType as string))
    return `Invalid fieldType ${String(body.fieldType)} for type ${type}`;
  if (properties.getGroup(body.groupName as string) === undefined)
    return `Property group ${String(body.groupName)} does not exist`;
  if (type === 'enumeration') {
    const options = body.options;
    if (!Array.isArray(options) || options.length === 0)
      return 'An enumeration property needs options';
    for (const option of options) {
      const record = asRecord(option);
      if (
        typeof record.label !== 'string' ||
        typeof record.value !== 'string' ||
        typeof record.hidden !== 'boolean'
      )
        return 'Each option needs a label, a value and hidden';
    }
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

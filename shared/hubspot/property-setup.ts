import type { Client } from '@hubspot/api-client';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { callHubSpot, type CallSettings } from './call.ts';
import { HubSpotError } from './errors.ts';
import type { SetupReport } from './gateway.ts';
import {
  NURTURE_PROPERTIES,
  NURTURE_PROPERTY_GROUP,
  type NurturePropertyDefinition,
} from './properties.ts';

const OBJECT_TYPE = 'contacts';

const TYPES: Record<NurturePropertyDefinition['type'], PropertyCreateTypeEnum> =
  {
    number: PropertyCreateTypeEnum.Number,
    enumeration: PropertyCreateTypeEnum.Enumeration,
    string: PropertyCreateTypeEnum.String,
    datetime: PropertyCreateTypeEnum.Datetime,
  };

const FIELD_TYPES: Record<
  NurturePropertyDefinition['fieldType'],
  PropertyCreateFieldTypeEnum
> = {
  number: PropertyCreateFieldTypeEnum.Number,
  select: PropertyCreateFieldTypeEnum.Select,
  text: PropertyCreateFieldTypeEnum.Text,
  textarea: PropertyCreateFieldTypeEnum.Textarea,
  date: PropertyCreateFieldTypeEnum.Date,
};

/**
 * Creates the `nurture` group and each missing Nurture property. Reads the groups and the
 * properties once; a 409 on create (someone created it meanwhile) counts as existing, and
 * existing properties are never changed.
 */
export async function ensureNurtureProperties(
  client: Client,
  settings: CallSettings,
): Promise<SetupReport> {
  const properties = client.crm.properties;
  const groups = await callHubSpot(
    'properties.listGroups',
    () => properties.groupsApi.getAll(OBJECT_TYPE),
    settings,
  );
  let groupStatus: SetupReport['group']['status'] = 'existing';
  if (
    !groups.results.some((group) => group.name === NURTURE_PROPERTY_GROUP.name)
  ) {
    const created = await createUnlessExists(() =>
      callHubSpot(
        'properties.createGroup',
        () =>
          properties.groupsApi.create(OBJECT_TYPE, {
            ...NURTURE_PROPERTY_GROUP,
          }),
        settings,
      ),
    );
    groupStatus = created ? 'created' : 'existing';
  }

  const existing = await callHubSpot(
    'properties.list',
    () => properties.coreApi.getAll(OBJECT_TYPE),
    settings,
  );
  const byName = new Map(
    existing.results.map((property) => [property.name, property]),
  );
  const report: SetupReport = {
    group: { name: NURTURE_PROPERTY_GROUP.name, status: groupStatus },
    created: [],
    existing: [],
    mismatched: [],
  };
  for (const definition of NURTURE_PROPERTIES) {
    const found = byName.get(definition.name);
    if (found !== undefined) {
      report.existing.push(definition.name);
      if (found.type !== definition.type)
        report.mismatched.push({
          name: definition.name,
          expected: definition.type,
          actual: String(found.type),
        });
      continue;
    }
    const created = await createUnlessExists(() =>
      callHubSpot(
        'properties.create',
        () =>
          properties.coreApi.create(OBJECT_TYPE, {
            name: definition.name,
            label: definition.label,
            description: definition.description,
            groupName: NURTURE_PROPERTY_GROUP.name,
            type: TYPES[definition.type],
            fieldType: FIELD_TYPES[definition.fieldType],
            options: definition.options?.map((option) => ({ ...option })),
            formField: false,
          }),
        settings,
      ),
    );
    (created ? report.created : report.existing).push(definition.name);
  }
  return report;
}

/** Runs a create call. Returns false when HubSpot responds 409 because the item already exists. */
async function createUnlessExists(
  create: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.status === 409)
      return false;
    throw error;
  }
}

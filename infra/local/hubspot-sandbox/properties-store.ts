import { DEFAULT_CONTACT_PROPERTIES } from './default-properties.ts';

export const PROPERTY_TYPES = [
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
  'phone_number',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** The field types HubSpot accepts for each property type. */
const FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  phone_number: ['phonenumber'],
};

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden: boolean;
  description?: string;
}

/** A contact property definition as `GET /crm/v3/properties/contacts` returns it. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  hasUniqueValue: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined?: boolean;
  modificationMetadata: {
    archivable: boolean;
    readOnlyDefinition: boolean;
    readOnlyValue: boolean;
  };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** The short form the sandbox seeds HubSpot-defined properties from. */
export interface PropertySeed {
  name: string;
  type: PropertyType;
  fieldType: string;
  groupName?: string;
  options?: PropertyOption[];
  externalOptions?: boolean;
  readOnlyValue?: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

const DEFAULT_GROUPS: PropertyGroup[] = [
  {
    name: 'contactinformation',
    label: 'Contact information',
    displayOrder: -1,
    archived: false,
  },
  {
    name: 'analyticsinformation',
    label: 'Web analytics history',
    displayOrder: -1,
    archived: false,
  },
  {
    name: 'emailinformation',
    label: 'Email information',
    displayOrder: -1,
    archived: false,
  },
];

/** Contact property definitions and groups of one sandbox portal, in memory. */
export class PropertiesStore {
  private readonly properties = new Map<string, PropertyDefinition>();
  private readonly groups = new Map<string, PropertyGroup>();

  constructor(private readonly now: () => number) {
    for (const group of DEFAULT_GROUPS) this.groups.set(group.name, group);
    for (const seed of DEFAULT_CONTACT_PROPERTIES) this.define(seed, true);
  }

  list(): PropertyDefinition[] {
    return [...this.properties.values()];
  }

  get(name: string): PropertyDefinition | undefined {
    return this.properties.get(name);
  }

  listGroups(): PropertyGroup[] {
    return [...this.groups.values()];
  }

  getGroup(name: string): PropertyGroup | undefined {
    return this.groups.get(name);
  }

  addGroup(group: PropertyGroup): void {
    this.groups.set(group.name, group);
  }

  /** Adds a definition; the caller has validated it and checked the name is free. */
  define(
    seed: PropertySeed & Partial<PropertyDefinition>,
    hubspotDefined = false,
  ): PropertyDefinition {
    const timestamp = new Date(this.now()).toISOString();
    const definition: PropertyDefinition = {
      name: seed.name,
      label: seed.label ?? seed.name,
      type: seed.type,
      fieldType: seed.fieldType,
      groupName: seed.groupName ?? groupFor(seed.name),
      description: seed.description ?? '',
      options: seed.options ?? [],
      displayOrder: seed.displayOrder ?? -1,
      hidden: seed.hidden ?? false,
      formField: seed.formField ?? false,
      hasUniqueValue: seed.hasUniqueValue ?? false,
      calculated: false,
      externalOptions: seed.externalOptions ?? false,
      ...(hubspotDefined ? { hubspotDefined: true } : {}),
      modificationMetadata: {
        archivable: !hubspotDefined,
        readOnlyDefinition: hubspotDefined,
        readOnlyValue: seed.readOnlyValue ?? false,
      },
      createdAt: timestamp,
      updatedAt: timestamp,
      archived: false,
    };
    this.properties.set(definition.name, definition);
    return definition;
  }

  /**
   * Defines a plain text property for a name the control API writes without a definition, as
   * an import that creates its columns would.
   */
  defineIfMissing(name: string): void {
    if (!this.properties.has(name))
      this.define({ name, type: 'string', fieldType: 'text' });
  }
}

/** Checks that a field type suits a property type, as HubSpot does on create. */
export function isValidFieldType(
  type: PropertyType,
  fieldType: string,
): boolean {
  return FIELD_TYPES[type].includes(fieldType);
}

function groupFor(name: string): string {
  if (name.startsWith('hs_email_')) return 'emailinformation';
  if (name.startsWith('hs_analytics_') || name.includes('conversion'))
    return 'analyticsinformation';
  return 'contactinformation';
}

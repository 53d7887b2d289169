/**
 * The FollowTheMoney schemata Sextant understands (FORMATS.md §1), with their
 * inheritance and property types, following the published FtM schema
 * (opensanctions/followthemoney). Declared as data so that readers, the store,
 * exports and validation all read one table.
 */

export type PropertyType =
  | 'name'
  | 'string'
  | 'text'
  | 'date'
  | 'country'
  | 'identifier'
  | 'entity'
  | 'number'
  | 'url'
  | 'email'
  | 'phone'
  | 'address'
  | 'topic'
  | 'gender';

/** Identifier formats with a check of their own (see normalize/identifiers.ts). */
export type IdentifierFormat = 'imo' | 'iban' | 'lei' | 'bic' | 'mmsi' | 'generic';

export interface PropertySpec {
  name: string;
  type: PropertyType;
  /** For entity references: the schema the referenced entity must be (or descend from). */
  range?: string;
  /** For identifiers with a checkable format. */
  format?: IdentifierFormat;
}

export interface Schema {
  name: string;
  extends: string[];
  abstract: boolean;
  /** Relationship schemata (Ownership, Sanction…) link other entities rather than name a thing. */
  edge: boolean;
  /** At least one value of each of these must survive validation, or the entity is rejected. */
  required: string[];
  /** Own and inherited properties. */
  properties: Map<string, PropertySpec>;
  /** Own and inherited ancestors, including itself. */
  ancestors: Set<string>;
  /** Property used as the entity's caption. */
  captionProps: string[];
}

type PropDecl = PropertyType | [PropertyType, string] | ['identifier', IdentifierFormat];
interface SchemaDecl {
  extends?: string[];
  abstract?: boolean;
  edge?: boolean;
  required?: string[];
  caption?: string[];
  props: Record<string, PropDecl>;
}

const INTERVAL_PROPS: Record<string, PropDecl> = {
  startDate: 'date',
  endDate: 'date',
  date: 'date',
  summary: 'text',
  description: 'text',
  recordId: 'identifier',
  sourceUrl: 'url',
  publisher: 'string',
  publisherUrl: 'url',
  modifiedAt: 'date',
  retrievedAt: 'date',
  indexText: 'text',
  names: 'name',
  proof: 'string',
};

const DECLS: Record<string, SchemaDecl> = {
  Thing: {
    abstract: true,
    caption: ['name'],
    props: {
      name: 'name',
      summary: 'text',
      description: 'text',
      country: 'country',
      alias: 'name',
      previousName: 'name',
      weakAlias: 'name',
      abbreviation: 'name',
      sourceUrl: 'url',
      publisher: 'string',
      publisherUrl: 'url',
      wikipediaUrl: 'url',
      wikidataId: 'identifier',
      keywords: 'string',
      topics: 'topic',
      address: 'address',
      addressEntity: ['entity', 'Address'],
      program: 'string',
      programId: 'identifier',
      notes: 'text',
      createdAt: 'date',
      modifiedAt: 'date',
      retrievedAt: 'date',
      indexText: 'text',
    },
  },
  Interval: { abstract: true, props: INTERVAL_PROPS },
  Value: { abstract: true, props: { amount: 'number', currency: 'string', amountUsd: 'number', amountEur: 'number' } },
  LegalEntity: {
    extends: ['Thing'],
    required: ['name'],
    props: {
      email: 'email',
      phone: 'phone',
      website: 'url',
      legalForm: 'string',
      incorporationDate: 'date',
      dissolutionDate: 'date',
      taxStatus: 'string',
      status: 'string',
      sector: 'string',
      classification: 'string',
      registrationNumber: 'identifier',
      idNumber: 'identifier',
      taxNumber: 'identifier',
      vatCode: 'identifier',
      jurisdiction: 'country',
      mainCountry: 'country',
      opencorporatesUrl: 'url',
      bvdId: 'identifier',
      icijId: 'identifier',
      okpoCode: 'identifier',
      innCode: 'identifier',
      ogrnCode: 'identifier',
      leiCode: ['identifier', 'lei'],
      dunsCode: 'identifier',
      uniqueEntityId: 'identifier',
      npiCode: 'identifier',
      swiftBic: ['identifier', 'bic'],
      parent: ['entity', 'LegalEntity'],
    },
  },
  Person: {
    extends: ['LegalEntity'],
    props: {
      title: 'string',
      firstName: 'name',
      secondName: 'name',
      middleName: 'name',
      fatherName: 'name',
      motherName: 'name',
      lastName: 'name',
      nameSuffix: 'name',
      birthDate: 'date',
      birthPlace: 'string',
      birthCountry: 'country',
      deathDate: 'date',
      position: 'string',
      nationality: 'country',
      citizenship: 'country',
      passportNumber: 'identifier',
      socialSecurityNumber: 'identifier',
      gender: 'gender',
      ethnicity: 'string',
      religion: 'string',
      political: 'string',
      education: 'string',
      profession: 'string',
      spokenLanguage: 'string',
    },
  },
  Organization: {
    extends: ['LegalEntity'],
    props: { cageCode: 'identifier', permId: 'identifier', imoNumber: ['identifier', 'imo'], numberOfEmployees: 'number' },
  },
  Asset: { extends: ['Thing', 'Value'], abstract: true, props: {} },
  Company: {
    extends: ['Organization', 'Asset'],
    props: {
      capital: 'number',
      kppCode: 'identifier',
      okvedCode: 'identifier',
      cikCode: 'identifier',
      isinCode: 'identifier',
      ticker: 'identifier',
      ricCode: 'identifier',
      voenCode: 'identifier',
      irsCode: 'identifier',
      bikCode: 'identifier',
    },
  },
  PublicBody: { extends: ['Organization'], props: {} },
  Vehicle: {
    extends: ['Asset'],
    abstract: true,
    props: {
      registrationNumber: 'identifier',
      type: 'string',
      model: 'string',
      owner: ['entity', 'LegalEntity'],
      operator: ['entity', 'LegalEntity'],
      buildDate: 'date',
      registrationDate: 'date',
      deregistrationDate: 'date',
    },
  },
  Vessel: {
    extends: ['Vehicle'],
    required: ['name'],
    props: {
      imoNumber: ['identifier', 'imo'],
      crsNumber: 'identifier',
      flag: 'country',
      registrationPort: 'string',
      navigationArea: 'string',
      tonnage: 'number',
      grossRegisteredTonnage: 'number',
      netRegisteredTonnage: 'number',
      deadweightTonnage: 'number',
      callSign: 'identifier',
      mmsi: ['identifier', 'mmsi'],
      pastFlags: 'country',
      pastTypes: 'string',
      pastNames: 'name',
      nameChangeDate: 'date',
    },
  },
  Airplane: {
    extends: ['Vehicle'],
    required: ['name'],
    props: { serialNumber: 'identifier', icaoCode: 'identifier', manufacturer: 'string' },
  },
  Address: {
    extends: ['Thing'],
    caption: ['full', 'name', 'city'],
    props: {
      full: 'address',
      remarks: 'text',
      postOfficeBox: 'string',
      street: 'string',
      street2: 'string',
      city: 'string',
      postalCode: 'string',
      region: 'string',
      state: 'string',
      latitude: 'number',
      longitude: 'number',
    },
  },
  BankAccount: {
    extends: ['Asset'],
    caption: ['iban', 'accountNumber', 'name'],
    props: {
      bankName: 'string',
      accountNumber: 'identifier',
      iban: ['identifier', 'iban'],
      bic: ['identifier', 'bic'],
      bank: ['entity', 'LegalEntity'],
      accountType: 'string',
      balance: 'number',
      openingDate: 'date',
      closingDate: 'date',
    },
  },
  Identification: {
    extends: ['Interval'],
    edge: true,
    required: ['holder', 'number'],
    caption: ['number'],
    props: {
      holder: ['entity', 'LegalEntity'],
      type: 'string',
      country: 'country',
      number: 'identifier',
      authority: 'string',
    },
  },
  Passport: {
    extends: ['Identification'],
    required: ['holder'],
    props: {
      surname: 'name',
      givenName: 'name',
      birthDate: 'date',
      birthPlace: 'string',
      gender: 'gender',
      personalNumber: 'identifier',
      passportNumber: 'identifier',
    },
  },
  Sanction: {
    extends: ['Interval'],
    edge: true,
    required: ['entity'],
    caption: ['program', 'authority'],
    props: {
      entity: ['entity', 'Thing'],
      authority: 'string',
      authorityId: 'identifier',
      unscId: 'identifier',
      program: 'string',
      programId: 'identifier',
      programUrl: 'url',
      provisions: 'string',
      status: 'string',
      duration: 'string',
      reason: 'text',
      country: 'country',
      listingDate: 'date',
    },
  },
  Interest: { extends: ['Interval'], abstract: true, edge: true, props: { role: 'string', status: 'string' } },
  Ownership: {
    extends: ['Interest'],
    required: ['owner', 'asset'],
    props: {
      owner: ['entity', 'LegalEntity'],
      asset: ['entity', 'Asset'],
      percentage: 'string',
      sharesCount: 'string',
      sharesValue: 'string',
      sharesCurrency: 'string',
      sharesType: 'string',
      legalBasis: 'string',
      ownershipType: 'string',
    },
  },
  Directorship: {
    extends: ['Interest'],
    required: ['director', 'organization'],
    props: { director: ['entity', 'LegalEntity'], organization: ['entity', 'Organization'], secretary: 'string' },
  },
  Membership: {
    extends: ['Interest'],
    required: ['member', 'organization'],
    props: { member: ['entity', 'LegalEntity'], organization: ['entity', 'Organization'] },
  },
  Employment: {
    extends: ['Interest'],
    required: ['employee', 'employer'],
    props: { employee: ['entity', 'Person'], employer: ['entity', 'Organization'] },
  },
  Family: {
    extends: ['Interval'],
    edge: true,
    required: ['person', 'relative'],
    props: { person: ['entity', 'Person'], relative: ['entity', 'Person'], relationship: 'string' },
  },
  Associate: {
    extends: ['Interval'],
    edge: true,
    required: ['person', 'associate'],
    props: { person: ['entity', 'Person'], associate: ['entity', 'Person'], relationship: 'string' },
  },
  UnknownLink: {
    extends: ['Interest'],
    required: ['subject', 'object'],
    props: { subject: ['entity', 'Thing'], object: ['entity', 'Thing'] },
  },
  Payment: {
    extends: ['Interval', 'Value'],
    edge: true,
    required: ['payer', 'beneficiary'],
    props: {
      payer: ['entity', 'LegalEntity'],
      payerAccount: ['entity', 'BankAccount'],
      beneficiary: ['entity', 'LegalEntity'],
      beneficiaryAccount: ['entity', 'BankAccount'],
      purpose: 'text',
      sequenceNumber: 'identifier',
      transactionNumber: 'identifier',
      programme: 'string',
      contract: 'string',
    },
  },
  Representation: {
    extends: ['Interest'],
    required: ['agent', 'client'],
    props: { agent: ['entity', 'LegalEntity'], client: ['entity', 'LegalEntity'] },
  },
  Position: {
    extends: ['Thing'],
    required: ['name'],
    props: {
      inceptionDate: 'date',
      dissolutionDate: 'date',
      subnationalArea: 'string',
      organization: ['entity', 'Organization'],
      numberOfSeats: 'number',
    },
  },
  Occupancy: {
    extends: ['Interval'],
    edge: true,
    required: ['holder', 'post'],
    props: { holder: ['entity', 'Person'], post: ['entity', 'Position'], status: 'string' },
  },
};

function toSpec(name: string, decl: PropDecl): PropertySpec {
  if (typeof decl === 'string') return { name, type: decl };
  const [type, extra] = decl;
  if (type === 'entity') return { name, type, range: extra };
  return { name, type, format: extra as IdentifierFormat };
}

function build(): Map<string, Schema> {
  const out = new Map<string, Schema>();
  const resolve = (name: string): Schema => {
    const done = out.get(name);
    if (done) return done;
    const decl = DECLS[name];
    if (!decl) throw new Error(`schema table refers to unknown schema ${name}`);
    const parents = (decl.extends ?? []).map(resolve);
    const properties = new Map<string, PropertySpec>();
    const ancestors = new Set<string>([name]);
    const required = new Set<string>();
    let edge = decl.edge ?? false;
    let captionProps = decl.caption;
    for (const parent of parents) {
      for (const [k, v] of parent.properties) properties.set(k, v);
      for (const a of parent.ancestors) ancestors.add(a);
      edge ||= parent.edge;
      captionProps ??= parent.captionProps;
    }
    // A subschema's own `required` replaces the parent's (Passport only needs a holder).
    if (decl.required) decl.required.forEach((r) => required.add(r));
    else parents.forEach((p) => p.required.forEach((r) => required.add(r)));
    for (const [k, v] of Object.entries(decl.props)) properties.set(k, toSpec(k, v));
    const schema: Schema = {
      name,
      extends: decl.extends ?? [],
      abstract: decl.abstract ?? false,
      edge,
      required: [...required],
      properties,
      ancestors,
      captionProps: captionProps ?? ['name'],
    };
    out.set(name, schema);
    return schema;
  };
  for (const name of Object.keys(DECLS)) resolve(name);
  return out;
}

const SCHEMATA = build();

export function getSchema(name: string): Schema | undefined {
  return SCHEMATA.get(name);
}

export function schemaNames(): string[] {
  return [...SCHEMATA.keys()];
}

/** True when `schema` is `ancestor` or descends from it. */
export function isA(schema: string, ancestor: string): boolean {
  return SCHEMATA.get(schema)?.ancestors.has(ancestor) ?? false;
}

/**
 * Whether two entities of these schemata could be one subject: a person never
 * an organisation, a vessel only a vessel; parents match their descendants
 * (a LegalEntity may be a Person or a Company).
 */
export function compatibleSchemata(a: string, b: string): boolean {
  if (isA(a, b) || isA(b, a)) return true;
  if (!isA(a, 'LegalEntity') || !isA(b, 'LegalEntity')) return false;
  return !((isA(a, 'Person') && isA(b, 'Organization')) || (isA(b, 'Person') && isA(a, 'Organization')));
}

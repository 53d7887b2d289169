/** Response shapes shared by the governance routes. */
export const USER = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    agency: { type: 'string' },
    displayName: { type: 'string', nullable: true },
    roles: { type: 'array', items: { type: 'string' } },
    clearance: { type: 'string' },
    disabled: { type: 'boolean' },
    mustChangePassword: { type: 'boolean' },
  },
} as const;

export const AGENCY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    sector: { type: 'string' },
    default_marking: { type: 'string' },
  },
} as const;

export const TOKEN = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    username: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    expiresAt: { type: 'string' },
    revokedAt: { type: 'string', nullable: true },
    lastUsedAt: { type: 'string', nullable: true },
  },
} as const;

const CATEGORY = { type: 'object', properties: { dataset: { type: 'string' }, schema: { type: 'string' }, property: { type: 'string' } }, additionalProperties: false } as const;
const RULE = {
  type: 'object',
  properties: { schema: { type: 'string' }, property: { type: 'string' }, action: { type: 'string', enum: ['drop', 'mask', 'hash'] } },
  required: ['property', 'action'],
  additionalProperties: false,
} as const;

export const AGREEMENT_INPUT = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    parties: { type: 'array', items: { type: 'string', maxLength: 63 }, minItems: 2, maxItems: 100 },
    categories: { type: 'array', items: CATEGORY, minItems: 1, maxItems: 500 },
    purposes: { type: 'array', items: { type: 'string', maxLength: 63 }, minItems: 1, maxItems: 50 },
    maxTlp: { type: 'string', maxLength: 20 },
    maxLevel: { type: 'string', maxLength: 32 },
    minimisation: { type: 'array', items: RULE, maxItems: 500 },
    retentionDays: { type: 'integer', minimum: 1, maximum: 36500, nullable: true },
    validFrom: { type: 'string', maxLength: 10 },
    validUntil: { type: 'string', maxLength: 10, nullable: true },
  },
  required: ['name', 'parties', 'categories', 'purposes', 'maxTlp'],
  additionalProperties: false,
} as const;

export const AGREEMENT = {
  type: 'object',
  properties: {
    ...AGREEMENT_INPUT.properties,
    id: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    revokedAt: { type: 'string', nullable: true },
    approvals: { type: 'array', items: { type: 'object', properties: { agency: { type: 'string' }, user: { type: 'string' }, at: { type: 'string' } } } },
  },
} as const;

export const ID_PARAM = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' } }, required: ['id'] } as const;

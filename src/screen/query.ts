import { SextantError } from '../errors.ts';
import { getSchema } from '../model/schemata.ts';
import { ANY_IDENTIFIER, STRONG_IDENTIFIERS, type Subject } from './compare.ts';

/** A query entity in yente's shape: an FtM schema and properties. */
export interface QueryEntity {
  schema: string;
  properties: Record<string, string[]>;
}

const COUNTRY_PROPS = ['nationality', 'citizenship', 'country', 'jurisdiction', 'flag'];

/** A yente-style query entity as a subject; a bad one is refused naming the query and field. */
export function toSubject(q: QueryEntity, key: string): Subject {
  if (!q || typeof q !== 'object' || typeof q.schema !== 'string' || !getSchema(q.schema)) {
    throw new SextantError('bad_request', `query ${key}: schema must be an FtM schema such as Person, Company, Vessel`, { field: `queries.${key}.schema` });
  }
  const p = q.properties ?? {};
  const list = (name: string): string[] => {
    const v = p[name];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new SextantError('bad_request', `query ${key}: properties.${name} must be a list of strings`, { field: `queries.${key}.properties.${name}` });
    return v;
  };
  const names = [...list('name'), ...list('alias')];
  const identifiers: Record<string, string[]> = {};
  for (const prop of [...STRONG_IDENTIFIERS, ANY_IDENTIFIER]) {
    const v = list(prop);
    if (v.length > 0) identifiers[prop] = v;
  }
  if (names.length === 0 && Object.keys(identifiers).length === 0) {
    throw new SextantError('bad_request', `query ${key}: give at least a name or a strong identifier`, { field: `queries.${key}.properties.name` });
  }
  return {
    schema: q.schema,
    names,
    identifiers,
    birthDates: list('birthDate'),
    countries: COUNTRY_PROPS.flatMap(list),
    genders: list('gender'),
  };
}

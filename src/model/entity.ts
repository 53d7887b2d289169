/**
 * A FollowTheMoney entity as it travels between readers, the store and exports:
 * every property is a list of strings. `extra` keeps the top-level keys that
 * OpenSanctions adds (caption, datasets, referents, target, first_seen, …).
 */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  caption?: string;
  datasets?: string[];
  referents?: string[];
  target?: boolean;
  first_seen?: string;
  last_seen?: string;
  last_change?: string;
}

/** Append values to a property, skipping empty strings and duplicates. */
export function addValues(entity: FtmEntity, prop: string, ...values: Array<string | undefined | null>): void {
  for (const raw of values) {
    if (raw === undefined || raw === null) continue;
    const value = raw.trim();
    if (value === '') continue;
    const list = (entity.properties[prop] ??= []);
    if (!list.includes(value)) list.push(value);
  }
}

export function newEntity(id: string, schema: string): FtmEntity {
  return { id, schema, properties: {} };
}

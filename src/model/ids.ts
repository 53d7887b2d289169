import { hash } from 'node:crypto';

/**
 * Deterministic entity ids from a dataset and a source key, so that re-ingesting
 * the same record under the same dataset always lands on the same entity. Short
 * keys stay readable (`ofac_sdn-36`); long or odd ones are hashed.
 */
export function makeId(dataset: string, ...keyParts: Array<string | number>): string {
  const key = keyParts.map((p) => String(p).trim()).join('-');
  const slug = key.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > 0 && slug.length <= 40 && slug === key.toLowerCase()) {
    return `${dataset}-${slug}`;
  }
  const digest = hash('sha1', `${dataset}\u0000${key}`, 'hex').slice(0, 24);
  return `${dataset}-${digest}`;
}

/** A dataset name: lower-case letters, digits and underscores, starting with a letter. */
export const DATASET_NAME = /^[a-z][a-z0-9_]{0,63}$/;

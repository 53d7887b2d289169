import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** Repository root, and the real published data in ../shared/data beside it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');
export const LISTS = resolve(SHARED_DATA, 'lists');

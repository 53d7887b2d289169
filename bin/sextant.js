#!/usr/bin/env node
// The `sextant` executable: runs the TypeScript sources through tsx so that a
// checkout works right after `npm install`, with no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

#!/usr/bin/env -S node --max-semi-space-size=64
// The `sextant` executable: runs the TypeScript sources through tsx so that a
// checkout works right after `npm install`, with no separate build step.
// A young generation of 64 MB (V8's default is 16): detection and ingest make
// many short-lived objects beside a large live heap, and the default promotes
// them early into collections of the whole heap (the ownership world of the
// detection bench loaded in 77 s with the default, 63 s with this).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

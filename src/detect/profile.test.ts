import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SextantError } from '../errors.ts';
import type { Indicator } from './indicator.ts';
import { defaultProfile, loadProfile, parseProfile } from './profile.ts';

const GAP: Indicator = {
  code: 'maritime.ais_gap',
  title: 'AIS gap',
  definition: 'a gap',
  sources: [{ name: 'test' }],
  params: {
    min_gap_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 240, description: 'shortest gap' },
    min_fixes: { type: 'integer', default: 10, min: 1, description: 'fixes before' },
  },
  inputs: ['positions'],
  run: () => [],
};
const CATALOGUE = [GAP];

function errorOf(fn: () => unknown): SextantError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SextantError, String(err));
    return err;
  }
  assert.fail('expected an error');
}

describe('community profile', () => {
  it('defaults come from the catalogue; a file overrides only what it sets', () => {
    const d = defaultProfile(CATALOGUE);
    assert.equal(d.indicators['maritime.ais_gap']!.params.min_gap_hours, 12);
    assert.ok(d.lists.portsOfConcern.includes('RUPRM'));
    const p = parseProfile({ name: 'exercise', indicators: { 'maritime.ais_gap': { params: { min_gap_hours: 6 } } }, lists: { hubJurisdictions: ['ae', 'tr'] } }, CATALOGUE, 'x.json');
    assert.equal(p.name, 'exercise');
    assert.equal(p.indicators['maritime.ais_gap']!.params.min_gap_hours, 6);
    assert.equal(p.indicators['maritime.ais_gap']!.params.min_fixes, 10);
    assert.deepEqual(p.lists.hubJurisdictions, ['ae', 'tr']);
    assert.deepEqual(p.lists.destinationsOfConcern, d.lists.destinationsOfConcern);
  });

  it('refuses unknown indicators, parameters, lists and bad values, naming each path', () => {
    const e = errorOf(() =>
      parseProfile(
        {
          colour: 'red',
          alertThreshold: 2,
          lists: { hubJurisdictions: ['ae', 'Dubai'], portsOfConcern: ['XXXXX'], moons: [] },
          authorities: { ofac: 'strict' },
          indicators: {
            'maritime.nope': {},
            'maritime.ais_gap': { enabled: 'yes', params: { min_gap_hours: 0.5, min_fixes: 2.5, colour: 1 } },
          },
        },
        CATALOGUE,
        'community.json',
      ),
    );
    assert.equal(e.code, 'validation_failed');
    for (const path of [
      'colour: unknown setting',
      'alertThreshold: must be a number from 0 to 1',
      'lists.hubJurisdictions[1]',
      'lists.portsOfConcern[0]',
      'lists.moons: unknown list',
      'authorities.ofac',
      'indicators.maritime.nope: unknown indicator',
      'indicators.maritime.ais_gap.enabled',
      'indicators.maritime.ais_gap.params.min_gap_hours: must be at least 1 h',
      'indicators.maritime.ais_gap.params.min_fixes: must be a whole number',
      'indicators.maritime.ais_gap.params.colour: unknown parameter',
    ]) {
      assert.ok(e.message.includes(path), `${path} in:\n${e.message}`);
    }
    assert.match(e.message, /^profile community\.json is invalid/);
  });

  it('a file that is missing or not JSON is an error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-profile-'));
    assert.equal(errorOf(() => loadProfile(join(dir, 'none.json'), CATALOGUE)).code, 'io_error');
    writeFileSync(join(dir, 'bad.json'), '{"name": ');
    const e = errorOf(() => loadProfile(join(dir, 'bad.json'), CATALOGUE));
    assert.equal(e.code, 'validation_failed');
    assert.ok(e.message.includes('bad.json'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ alertThreshold: 0.7 }));
    assert.equal(loadProfile(join(dir, 'ok.json'), CATALOGUE).alertThreshold, 0.7);
  });
});

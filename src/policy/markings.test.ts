import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SextantError } from '../errors.ts';
import {
  canonicalMarking,
  combineMarkings,
  DEFAULT_LEVELS,
  formatMarking,
  isAtLeastAsRestrictive,
  isCountryToken,
  isReleasableTo,
  levelRank,
  parseMarking,
  TLP_COLOURS,
  tlpRank,
  type Ladder,
  type Marking,
} from './markings.ts';

// ---------------------------------------------------------------- fixtures

const COUNTRIES = ['NL', 'BE', 'DE', 'FR'] as const;
const AGENCY_COUNTRY: Record<string, string> = { 'fiu-nl': 'NL', 'customs-be': 'BE', 'bank-de': 'DE', 'ngo-fr': 'FR' };
const AGENCIES = Object.keys(AGENCY_COUNTRY);
const PURPOSES = ['aml', 'sanctions', 'customs'] as const;
/** Agencies that no generated marking names, one per country: releasable to them only through their country. */
const OTHER_AGENCY_COUNTRY: Record<string, string> = { 'police-nl': 'NL', 'tax-be': 'BE', 'police-de': 'DE', 'police-fr': 'FR' };
const KNOWN_COUNTRY: Record<string, string> = { ...AGENCY_COUNTRY, ...OTHER_AGENCY_COUNTRY };
/** Agencies whose releasability the properties probe: the universe, and the others of the same countries. */
const PROBES = Object.keys(KNOWN_COUNTRY);
const countryOf = (agency: string): string | undefined => KNOWN_COUNTRY[agency];

/** The marking with every array sorted, so that markings compare by content. */
function norm(m: Marking): Marking {
  return {
    tlp: m.tlp,
    level: m.level,
    relTo: m.relTo === null ? null : [...m.relTo].sort(),
    orcon: [...m.orcon].sort(),
    purposes: m.purposes === null ? null : [...m.purposes].sort(),
  };
}

const marking = (over: Partial<Marking> = {}): Marking => ({ tlp: 'CLEAR', level: 'UNCLASSIFIED', relTo: null, orcon: [], purposes: null, ...over });

/** parseMarking refuses `text` with a reason: code validation_failed, details.field marking. */
function assertRefused(text: string, reason: RegExp, ladder?: Ladder): void {
  assert.throws(
    () => parseMarking(text, ladder),
    (e: unknown) => {
      assert.ok(e instanceof SextantError, `expected a SextantError for ${JSON.stringify(text)}`);
      assert.equal(e.code, 'validation_failed');
      assert.equal(e.details?.field, 'marking');
      assert.equal(e.details?.marking, text);
      assert.match(e.message, reason);
      return true;
    },
  );
}

// ---------------------------------------------------------------- arbitraries

/**
 * Markings over a small universe: every colour and level of the default ladder,
 * REL TO none / NONE / some countries and agencies, ORCON by some agencies,
 * purposes any / some. `emptyPurposes` also allows `purposes: []`.
 */
function arbMarking(emptyPurposes: boolean): fc.Arbitrary<Marking> {
  return fc
    .record({
      tlp: fc.constantFrom(...TLP_COLOURS),
      level: fc.constantFrom(...DEFAULT_LEVELS),
      relTo: fc.option(fc.shuffledSubarray<string>([...COUNTRIES, ...AGENCIES]), { nil: null, freq: 3 }),
      orcon: fc.shuffledSubarray(AGENCIES),
      purposes: fc.option(fc.shuffledSubarray<string>([...PURPOSES], { minLength: emptyPurposes ? 0 : 1 }), { nil: null, freq: 3 }),
    })
    .map((m): Marking => m);
}

const MARKING = arbMarking(false);
const ANY_MARKING = arbMarking(true);

// ---------------------------------------------------------------- parse / format

describe('parseMarking and formatMarking', () => {
  it('parses the smallest marking, TLP:CLEAR', () => {
    assert.deepEqual(parseMarking('TLP:CLEAR'), marking());
    assert.equal(formatMarking(marking()), 'TLP:CLEAR');
  });

  it('parses a full marking into its parts', () => {
    const text = 'TLP:AMBER+STRICT//CONFIDENTIAL//REL TO BE, NL, fiu-nl//ORCON fiu-nl//PURPOSE aml, sanctions';
    const m = parseMarking(text);
    assert.deepEqual(m, {
      tlp: 'AMBER+STRICT',
      level: 'CONFIDENTIAL',
      relTo: ['BE', 'NL', 'fiu-nl'],
      orcon: ['fiu-nl'],
      purposes: ['aml', 'sanctions'],
    });
    assert.equal(formatMarking(m), text);
    assert.equal(canonicalMarking(text), text);
  });

  it('reads REL TO NONE as releasable to no one but the holder', () => {
    const m = parseMarking('TLP:RED//REL TO NONE');
    assert.deepEqual(m, marking({ tlp: 'RED', relTo: [] }));
    assert.equal(formatMarking(m), 'TLP:RED//REL TO NONE');
    assert.equal(parseMarking('TLP:RED//rel to none').relTo?.length, 0);
  });

  it('round-trips the examples', () => {
    for (const text of [
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
      'TLP:AMBER+STRICT',
      'TLP:RED',
      'TLP:AMBER+STRICT//CONFIDENTIAL//REL TO BE, NL, fiu-nl//ORCON fiu-nl//PURPOSE aml, sanctions',
      'TLP:RED//REL TO NONE',
      'TLP:GREEN//SECRET',
      'TLP:AMBER//ORCON bank-de, fiu-nl',
      'TLP:CLEAR//PURPOSE customs',
    ]) {
      assert.equal(formatMarking(parseMarking(text)), text, text);
    }
  });

  it('reads TLP colour, level and keywords case-insensitively', () => {
    assert.equal(parseMarking('tlp:amber+strict').tlp, 'AMBER+STRICT');
    assert.equal(parseMarking('Tlp:Green').tlp, 'GREEN');
    assert.equal(parseMarking('TLP:red//confidential').level, 'CONFIDENTIAL');
    assert.equal(parseMarking('TLP:RED//Secret').level, 'SECRET');
    assert.equal(
      canonicalMarking('tlp:amber//restricted//rel to NL//orcon fiu-nl//purpose aml'),
      'TLP:AMBER//RESTRICTED//REL TO NL//ORCON fiu-nl//PURPOSE aml',
    );
  });

  it('emits the canonical order, whatever order the parts and list entries come in', () => {
    const text = ' TLP:AMBER // PURPOSE sanctions aml // ORCON fiu-nl, bank-de // REL TO fiu-nl NL,BE // SECRET ';
    assert.equal(canonicalMarking(text), 'TLP:AMBER//SECRET//REL TO BE, NL, fiu-nl//ORCON bank-de, fiu-nl//PURPOSE aml, sanctions');
    // duplicates in a list collapse; the lowest level is implied
    assert.equal(canonicalMarking('TLP:GREEN//UNCLASSIFIED//REL TO NL, NL, nl-fiu'), 'TLP:GREEN//REL TO NL, nl-fiu');
  });

  it('refuses a marking without a leading TLP colour', () => {
    assertRefused('', /must start with TLP/);
    assertRefused('CONFIDENTIAL', /must start with TLP/);
    assertRefused('CONFIDENTIAL//TLP:AMBER', /must start with TLP/);
    assertRefused('TLP AMBER', /must start with TLP/);
  });

  it('refuses an unknown colour', () => {
    assertRefused('TLP:WHITE', /must start with TLP/);
    assertRefused('TLP:AMBER+', /must start with TLP/);
    assertRefused('TLP:STRICT', /must start with TLP/);
  });

  it('refuses an unknown level or an unknown part', () => {
    assertRefused('TLP:AMBER//TOP SECRET', /neither a classification level/);
    assertRefused('TLP:AMBER//NOFORN', /neither a classification level/);
    assertRefused('TLP:AMBER//', /neither a classification level/);
  });

  it('refuses a REL TO entry that is not an ISO country', () => {
    assertRefused('TLP:AMBER//REL TO XX', /REL TO entry "XX" is not valid/);
    assertRefused('TLP:AMBER//REL TO NL, ZZ', /REL TO entry "ZZ" is not valid/);
  });

  it('refuses a bad agency token', () => {
    assertRefused('TLP:AMBER//REL TO fiu_nl', /REL TO entry "fiu_nl"/);
    assertRefused('TLP:AMBER//REL TO Fiu-NL', /REL TO entry "Fiu-NL"/);
    assertRefused('TLP:AMBER//REL TO NLD', /REL TO entry "NLD"/);
    assertRefused('TLP:AMBER//ORCON NL', /ORCON entry "NL"/);
    assertRefused('TLP:AMBER//ORCON 1fiu', /ORCON entry "1fiu"/);
    assertRefused('TLP:AMBER//PURPOSE AML', /PURPOSE entry "AML"/);
    assertRefused('TLP:AMBER//PURPOSE anti-money', /PURPOSE entry "anti-money"/);
  });

  it('refuses a part given twice', () => {
    assertRefused('TLP:AMBER//SECRET//CONFIDENTIAL', /level is given twice/);
    assertRefused('TLP:AMBER//SECRET//SECRET', /level is given twice/);
    assertRefused('TLP:AMBER//REL TO NL//REL TO BE', /REL TO is given twice/);
    assertRefused('TLP:AMBER//REL TO NONE//REL TO NONE', /REL TO is given twice/);
    assertRefused('TLP:AMBER//ORCON fiu-nl//ORCON bank-de', /ORCON is given twice/);
    assertRefused('TLP:AMBER//PURPOSE aml//PURPOSE aml', /PURPOSE is given twice/);
    assertRefused('TLP:AMBER//TLP:RED', /neither a classification level/);
  });

  it('refuses an empty list', () => {
    assertRefused('TLP:AMBER//REL TO', /REL TO needs at least one entry/);
    assertRefused('TLP:AMBER//REL TO , ,', /REL TO needs at least one entry/);
    assertRefused('TLP:AMBER//ORCON', /ORCON needs at least one entry/);
    assertRefused('TLP:AMBER//PURPOSE', /PURPOSE needs at least one entry/);
  });

  it('works with a custom ladder', () => {
    const ladder: Ladder = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET'];
    assert.deepEqual(parseMarking('TLP:GREEN', ladder), marking({ tlp: 'GREEN', level: 'OFFICIAL' }));
    const m = parseMarking('TLP:AMBER//top secret//REL TO NL', ladder);
    assert.equal(m.level, 'TOP SECRET');
    assert.equal(formatMarking(m, ladder), 'TLP:AMBER//TOP SECRET//REL TO NL');
    assert.equal(canonicalMarking('TLP:AMBER//OFFICIAL', ladder), 'TLP:AMBER');
    assert.equal(levelRank('OFFICIAL-SENSITIVE', ladder), 1);
    assertRefused('TLP:AMBER//CONFIDENTIAL', /OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET/, ladder);
    // a level of the custom ladder is not one of the default ladder
    assertRefused('TLP:AMBER//OFFICIAL', /neither a classification level/);
    // combining under a custom ladder ranks by that ladder
    const c = combineMarkings([parseMarking('TLP:RED//OFFICIAL-SENSITIVE', ladder), parseMarking('TLP:GREEN//SECRET', ladder)], ladder);
    assert.equal(c.level, 'SECRET');
    assert.equal(c.tlp, 'RED');
  });

  it('ranks colours and levels, refusing an unknown level', () => {
    assert.deepEqual(TLP_COLOURS.map(tlpRank), [0, 1, 2, 3, 4]);
    assert.deepEqual(DEFAULT_LEVELS.map((l) => levelRank(l, DEFAULT_LEVELS)), [0, 1, 2, 3]);
    assert.throws(() => levelRank('TOP SECRET', DEFAULT_LEVELS), (e: unknown) => e instanceof SextantError && e.code === 'validation_failed');
    assert.equal(isCountryToken('NL'), true);
    assert.equal(isCountryToken('nl'), false);
    assert.equal(isCountryToken('fiu-nl'), false);
  });

  it('property: formatMarking then parseMarking gives the same marking back', () => {
    fc.assert(
      fc.property(MARKING, (m) => {
        const text = formatMarking(m);
        assert.deepEqual(norm(parseMarking(text)), norm(m));
        // and the text is canonical: a fixed point
        assert.equal(canonicalMarking(text), text);
      }),
      { numRuns: 500 },
    );
  });

  it('property: parsing is insensitive to the order of the parts after the colour', () => {
    fc.assert(
      fc.property(MARKING, fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (m, keys) => {
        const [head, ...rest] = formatMarking(m).split('//');
        const shuffled = rest.map((p, i) => ({ p, k: keys[i]! })).sort((a, b) => a.k - b.k).map((x) => x.p);
        assert.deepEqual(norm(parseMarking([head, ...shuffled].join('//'))), norm(m));
      }),
      { numRuns: 200 },
    );
  });

  it(
    'formatMarking of a marking with no permitted purpose (purposes: []) parses back',
    () => {
      const combined = combineMarkings([parseMarking('TLP:AMBER//PURPOSE aml'), parseMarking('TLP:AMBER//PURPOSE sanctions')]);
      assert.deepEqual(combined.purposes, []);
      const text = formatMarking(combined);
      assert.deepEqual(norm(parseMarking(text)), norm(combined));
    },
  );
});

// ---------------------------------------------------------------- releasability

describe('isReleasableTo', () => {
  it('allows anyone without REL TO, no one but the holder with REL TO NONE', () => {
    assert.equal(isReleasableTo(marking(), 'bank-de', 'DE'), true);
    assert.equal(isReleasableTo(marking({ relTo: [] }), 'bank-de', 'DE'), false);
  });

  it('allows by agency id or by country', () => {
    const m = parseMarking('TLP:AMBER//REL TO BE, fiu-nl');
    assert.equal(isReleasableTo(m, 'customs-be', 'BE'), true);
    assert.equal(isReleasableTo(m, 'fiu-nl', 'NL'), true);
    assert.equal(isReleasableTo(m, 'police-nl', 'NL'), false);
    assert.equal(isReleasableTo(m, 'bank-de', 'DE'), false);
  });
});

// ---------------------------------------------------------------- combination

describe('combineMarkings', () => {
  it('takes the highest colour and level, all originators, intersected releasability and purposes', () => {
    const c = combineMarkings(
      [parseMarking('TLP:GREEN//SECRET//REL TO NL, BE//ORCON fiu-nl//PURPOSE aml, sanctions'), parseMarking('TLP:RED//REL TO fiu-nl, BE, DE//ORCON bank-de//PURPOSE sanctions, customs')],
      DEFAULT_LEVELS,
      countryOf,
    );
    assert.deepEqual(norm(c), { tlp: 'RED', level: 'SECRET', relTo: ['BE', 'fiu-nl'], orcon: ['bank-de', 'fiu-nl'], purposes: ['sanctions'] });
  });

  it('keeps an agency when the other list releases to its country, not a country when the other names only an agency', () => {
    const c = combineMarkings([parseMarking('TLP:AMBER//REL TO NL'), parseMarking('TLP:AMBER//REL TO fiu-nl, BE')], DEFAULT_LEVELS, countryOf);
    assert.deepEqual(c.relTo, ['fiu-nl']);
    assert.equal(isReleasableTo(c, 'fiu-nl', 'NL'), true);
    assert.equal(isReleasableTo(c, 'police-nl', 'NL'), false);
    assert.equal(isReleasableTo(c, 'customs-be', 'BE'), false);
  });

  it('without a country map, an agency is kept only when both lists name it', () => {
    const c = combineMarkings([parseMarking('TLP:AMBER//REL TO NL'), parseMarking('TLP:AMBER//REL TO fiu-nl')]);
    assert.deepEqual(c.relTo, []);
  });

  it('is unrestricted only when every input is; disjoint lists give REL TO NONE', () => {
    assert.equal(combineMarkings([marking(), marking()]).relTo, null);
    assert.deepEqual(combineMarkings([marking(), marking({ relTo: ['NL'] })]).relTo, ['NL']);
    assert.deepEqual(combineMarkings([marking({ relTo: ['NL'] }), marking()]).relTo, ['NL']);
    assert.deepEqual(combineMarkings([marking({ relTo: ['NL'] }), marking({ relTo: ['BE'] })], DEFAULT_LEVELS, countryOf).relTo, []);
  });

  it('returns a single marking as it is, and refuses an empty list', () => {
    const m = parseMarking('TLP:AMBER//CONFIDENTIAL//REL TO NL//ORCON fiu-nl//PURPOSE aml');
    assert.deepEqual(combineMarkings([m]), m);
    assert.throws(() => combineMarkings([]), (e: unknown) => e instanceof SextantError && e.code === 'internal');
  });

  it('does not change its inputs', () => {
    const a = parseMarking('TLP:GREEN//REL TO NL, BE//ORCON fiu-nl//PURPOSE aml, sanctions');
    const b = parseMarking('TLP:AMBER//REL TO BE//ORCON bank-de//PURPOSE aml');
    const before = structuredClone([a, b]);
    combineMarkings([a, b], DEFAULT_LEVELS, countryOf);
    assert.deepEqual([a, b], before);
  });

  // THE KEY PROPERTY: combination is never less restrictive than any input.
  it('property: the combination is never less restrictive than any input', () => {
    fc.assert(
      fc.property(fc.array(ANY_MARKING, { minLength: 1, maxLength: 6 }), (ms) => {
        const c = combineMarkings(ms, DEFAULT_LEVELS, countryOf);
        for (const m of ms) {
          assert.ok(tlpRank(c.tlp) >= tlpRank(m.tlp), 'colour');
          assert.ok(levelRank(c.level, DEFAULT_LEVELS) >= levelRank(m.level, DEFAULT_LEVELS), 'level');
          for (const o of m.orcon) assert.ok(c.orcon.includes(o), `orcon ${o}`);
          if (m.purposes !== null) {
            assert.notEqual(c.purposes, null, 'purposes');
            for (const p of c.purposes!) assert.ok(m.purposes.includes(p), `purpose ${p}`);
          }
          if (m.relTo !== null) assert.notEqual(c.relTo, null, 'relTo');
          for (const a of PROBES) {
            if (isReleasableTo(c, a, countryOf(a)!)) assert.ok(isReleasableTo(m, a, countryOf(a)!), `releasable to ${a}`);
          }
          assert.ok(isAtLeastAsRestrictive(c, m, DEFAULT_LEVELS, countryOf), 'isAtLeastAsRestrictive');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: the combination is exactly as releasable as all inputs together (no more restrictive than needed)', () => {
    fc.assert(
      fc.property(fc.array(ANY_MARKING, { minLength: 1, maxLength: 6 }), (ms) => {
        const c = combineMarkings(ms, DEFAULT_LEVELS, countryOf);
        for (const a of PROBES) {
          assert.equal(isReleasableTo(c, a, countryOf(a)!), ms.every((m) => isReleasableTo(m, a, countryOf(a)!)), a);
        }
        assert.equal(tlpRank(c.tlp), Math.max(...ms.map((m) => tlpRank(m.tlp))));
        assert.equal(levelRank(c.level, DEFAULT_LEVELS), Math.max(...ms.map((m) => levelRank(m.level, DEFAULT_LEVELS))));
        assert.deepEqual([...c.orcon].sort(), [...new Set(ms.flatMap((m) => m.orcon))].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('property: the result does not depend on the order of the inputs', () => {
    const arrays = fc
      .array(ANY_MARKING, { minLength: 1, maxLength: 6 })
      .chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length })));
    fc.assert(
      fc.property(arrays, ([ms, permuted]) => {
        assert.deepEqual(norm(combineMarkings(permuted, DEFAULT_LEVELS, countryOf)), norm(combineMarkings(ms, DEFAULT_LEVELS, countryOf)));
      }),
      { numRuns: 500 },
    );
  });

  it('property: combining is associative and idempotent', () => {
    fc.assert(
      fc.property(fc.array(ANY_MARKING, { minLength: 1, maxLength: 4 }), fc.array(ANY_MARKING, { minLength: 1, maxLength: 4 }), (xs, ys) => {
        const whole = combineMarkings([...xs, ...ys], DEFAULT_LEVELS, countryOf);
        const split = combineMarkings([combineMarkings(xs, DEFAULT_LEVELS, countryOf), combineMarkings(ys, DEFAULT_LEVELS, countryOf)], DEFAULT_LEVELS, countryOf);
        assert.deepEqual(norm(split), norm(whole));
        assert.deepEqual(norm(combineMarkings([whole, whole], DEFAULT_LEVELS, countryOf)), norm(whole));
      }),
      { numRuns: 300 },
    );
  });
});

describe('isAtLeastAsRestrictive', () => {
  it('compares colour, level, originators and purposes', () => {
    const base = parseMarking('TLP:AMBER//CONFIDENTIAL//ORCON fiu-nl//PURPOSE aml, sanctions');
    assert.equal(isAtLeastAsRestrictive(base, base), true);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:RED//SECRET//ORCON bank-de, fiu-nl//PURPOSE aml'), base), true);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:GREEN//CONFIDENTIAL//ORCON fiu-nl//PURPOSE aml'), base), false);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//RESTRICTED//ORCON fiu-nl//PURPOSE aml'), base), false);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//CONFIDENTIAL//PURPOSE aml'), base), false);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//CONFIDENTIAL//ORCON fiu-nl'), base), false);
    assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//CONFIDENTIAL//ORCON fiu-nl//PURPOSE aml, customs'), base), false);
  });

  it(
    'takes releasability into account ("on every axis")',
    () => {
      assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER'), parseMarking('TLP:AMBER//REL TO NONE')), false);
      assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//REL TO NL, BE'), parseMarking('TLP:AMBER//REL TO NL')), false);
      assert.equal(isAtLeastAsRestrictive(parseMarking('TLP:AMBER//REL TO NL'), parseMarking('TLP:AMBER//REL TO NL, BE')), true);
    },
  );
});

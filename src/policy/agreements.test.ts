import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SextantError } from '../errors.ts';
import {
  coversCategory,
  hasApproved,
  hashInput,
  isInForce,
  keyedHash,
  maskValue,
  minimisationFor,
  validateAgreement,
  withinCeiling,
  type Agreement,
  type AgreementInput,
  type MinimisationRule,
} from './agreements.ts';
import { isA } from '../model/schemata.ts';
import { DEFAULT_LEVELS } from './markings.ts';

// ---------------------------------------------------------------- fixtures

const LADDER = DEFAULT_LEVELS;
const PURPOSES = ['aml', 'sanctions', 'customs'] as const;
const AGENCIES: ReadonlySet<string> = new Set(['fiu-nl', 'customs-be', 'bank-de']);
const BULLET = '\u2022';

const GOOD: AgreementInput = {
  name: '  NL–BE AML exchange ',
  parties: ['fiu-nl', 'customs-be', 'fiu-nl'],
  categories: [{ dataset: 'fiu_cases', schema: 'LegalEntity' }, { property: 'name' }],
  purposes: ['sanctions', 'aml', 'aml'],
  maxTlp: 'tlp:amber+strict',
  maxLevel: 'confidential',
  minimisation: [{ schema: 'Person', property: 'birthDate', action: 'mask' }, { property: 'idNumber', action: 'hash' }],
  retentionDays: 365,
  validFrom: '2025-01-01',
  validUntil: '2025-12-31',
};

const validate = (input: AgreementInput) => validateAgreement(input, LADDER, PURPOSES, AGENCIES);

/** validateAgreement refuses `input`, naming `field`. */
function assertRefused(over: Record<string, unknown>, field: string): void {
  const input = { ...GOOD, ...over } as AgreementInput;
  assert.throws(
    () => validate(input),
    (e: unknown) => {
      assert.ok(e instanceof SextantError, `expected a SextantError for ${JSON.stringify(over)}`);
      assert.equal(e.code, 'bad_request');
      assert.equal(e.details?.field, field, `${JSON.stringify(over)}: ${e.message}`);
      return true;
    },
  );
}

function agreement(over: Partial<Agreement> = {}): Agreement {
  return {
    id: 'agr-1',
    name: 'NL-BE',
    parties: ['customs-be', 'fiu-nl'],
    categories: [{ dataset: 'fiu_cases' }],
    purposes: ['aml'],
    maxTlp: 'AMBER',
    maxLevel: 'CONFIDENTIAL',
    minimisation: [],
    retentionDays: null,
    validFrom: '2025-01-01',
    validUntil: null,
    createdBy: 'u-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    revokedAt: null,
    approvals: [{ agency: 'fiu-nl', user: 'u-1', at: '2025-01-01T00:00:00.000Z' }],
    ...over,
  };
}

// ---------------------------------------------------------------- validation

describe('validateAgreement', () => {
  it('accepts a good agreement and normalises it', () => {
    assert.deepEqual(validate(GOOD), {
      name: 'NL–BE AML exchange',
      parties: ['customs-be', 'fiu-nl'],
      categories: [{ dataset: 'fiu_cases', schema: 'LegalEntity' }, { property: 'name' }],
      purposes: ['aml', 'sanctions'],
      maxTlp: 'AMBER+STRICT',
      maxLevel: 'CONFIDENTIAL',
      minimisation: [
        { schema: 'Person', property: 'birthDate', action: 'mask' },
        { property: 'idNumber', action: 'hash' },
      ],
      retentionDays: 365,
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
    });
  });

  it('fills in defaults: lowest level, no minimisation, no retention limit, from today, open-ended', () => {
    const out = validate({ name: 'x', parties: ['fiu-nl', 'bank-de'], categories: [{ schema: 'Company' }], purposes: ['customs'], maxTlp: 'GREEN' });
    assert.equal(out.maxLevel, 'UNCLASSIFIED');
    assert.deepEqual(out.minimisation, []);
    assert.equal(out.retentionDays, null);
    assert.equal(out.validFrom, new Date().toISOString().slice(0, 10));
    assert.equal(out.validUntil, null);
    assert.deepEqual(out.parties, ['bank-de', 'fiu-nl']);
  });

  it('accepts validUntil equal to validFrom', () => {
    assert.equal(validate({ ...GOOD, validFrom: '2025-03-01', validUntil: '2025-03-01' }).validUntil, '2025-03-01');
  });

  it('refuses a missing or overlong name', () => {
    assertRefused({ name: '   ' }, 'name');
    assertRefused({ name: 'x'.repeat(201) }, 'name');
  });

  it('refuses fewer than two different parties', () => {
    assertRefused({ parties: [] }, 'parties');
    assertRefused({ parties: ['fiu-nl'] }, 'parties');
    assertRefused({ parties: ['fiu-nl', 'fiu-nl'] }, 'parties');
    assertRefused({ parties: 'fiu-nl, customs-be' }, 'parties');
  });

  it('refuses an unknown agency', () => {
    assertRefused({ parties: ['fiu-nl', 'police-fr'] }, 'parties');
    assertRefused({ parties: ['fiu-nl', 'Customs-BE'] }, 'parties');
    assertRefused({ parties: ['fiu-nl', 42] }, 'parties');
  });

  it('refuses empty or malformed categories, naming the category', () => {
    assertRefused({ categories: [] }, 'categories');
    assertRefused({ categories: undefined }, 'categories');
    assertRefused({ categories: [{ dataset: 'fiu_cases' }, {}] }, 'categories[1]');
    assertRefused({ categories: [null] }, 'categories[0]');
    assertRefused({ categories: [{ dataset: 'FIU Cases' }] }, 'categories[0].dataset');
    assertRefused({ categories: [{ property: 'birth-date' }] }, 'categories[0].property');
  });

  it('refuses an unknown schema', () => {
    assertRefused({ categories: [{ schema: 'Spaceship' }] }, 'categories[0].schema');
    assertRefused({ categories: [{ schema: 'person' }] }, 'categories[0].schema');
    assertRefused({ minimisation: [{ schema: 'Spaceship', property: 'name', action: 'drop' }] }, 'minimisation[0].schema');
  });

  it('refuses no purpose or an unknown purpose', () => {
    assertRefused({ purposes: [] }, 'purposes');
    assertRefused({ purposes: ['aml', 'espionage'] }, 'purposes');
    assertRefused({ purposes: ['AML'] }, 'purposes');
  });

  it('refuses a bad maxTlp', () => {
    assertRefused({ maxTlp: 'WHITE' }, 'maxTlp');
    assertRefused({ maxTlp: '' }, 'maxTlp');
    assertRefused({ maxTlp: undefined }, 'maxTlp');
    assertRefused({ maxTlp: 'TLP:AMBER//SECRET' }, 'maxTlp');
  });

  it('refuses a bad maxLevel', () => {
    assertRefused({ maxLevel: 'TOP SECRET' }, 'maxLevel');
    assertRefused({ maxLevel: '' }, 'maxLevel');
  });

  it('refuses a bad minimisation rule, naming the rule', () => {
    assertRefused({ minimisation: [{ property: 'name', action: 'mask' }, { property: 'name', action: 'shred' }] }, 'minimisation[1].action');
    assertRefused({ minimisation: [{ action: 'drop' }] }, 'minimisation[0].property');
    assertRefused({ minimisation: [{ property: 'a b', action: 'drop' }] }, 'minimisation[0].property');
    assertRefused({ minimisation: 'drop everything' }, 'minimisation');
  });

  it('refuses a bad retention period', () => {
    assertRefused({ retentionDays: 0 }, 'retentionDays');
    assertRefused({ retentionDays: 1.5 }, 'retentionDays');
    assertRefused({ retentionDays: 36501 }, 'retentionDays');
  });

  it('refuses bad dates and validUntil before validFrom', () => {
    assertRefused({ validFrom: '1 Jan 2025' }, 'validFrom');
    assertRefused({ validFrom: '2025-13-01' }, 'validFrom');
    assertRefused({ validUntil: '2024-12-31' }, 'validUntil');
    assertRefused({ validFrom: '2025-06-02', validUntil: '2025-06-01' }, 'validUntil');
    assertRefused({ validUntil: '2026/01/01' }, 'validUntil');
  });
});

// ---------------------------------------------------------------- terms

describe('agreement terms', () => {
  it('is in force from validFrom to validUntil inclusive, unless revoked', () => {
    const a = agreement({ validFrom: '2025-01-01', validUntil: '2025-12-31' });
    assert.equal(isInForce(a, '2024-12-31'), false);
    assert.equal(isInForce(a, '2025-01-01'), true);
    assert.equal(isInForce(a, '2025-12-31'), true);
    assert.equal(isInForce(a, '2026-01-01'), false);
    assert.equal(isInForce(agreement({ validUntil: null }), '2099-01-01'), true);
    assert.equal(isInForce(agreement({ revokedAt: '2025-02-01T00:00:00Z' }), '2025-01-15'), false);
  });

  it('knows who approved', () => {
    assert.equal(hasApproved(agreement(), 'fiu-nl'), true);
    assert.equal(hasApproved(agreement(), 'customs-be'), false);
  });

  it('covers a category by dataset, schema (with inheritance) and property', () => {
    const byDataset = agreement({ categories: [{ dataset: 'fiu_cases' }] });
    assert.equal(coversCategory(byDataset, { dataset: 'fiu_cases', schema: 'Company', prop: 'name' }), true);
    assert.equal(coversCategory(byDataset, { dataset: 'other', schema: 'Company', prop: 'name' }), false);

    const legal = agreement({ categories: [{ schema: 'LegalEntity' }] });
    assert.equal(coversCategory(legal, { dataset: 'x', schema: 'Company', prop: 'name' }), true);
    assert.equal(coversCategory(legal, { dataset: 'x', schema: 'Person', prop: 'name' }), true);
    assert.equal(coversCategory(legal, { dataset: 'x', schema: 'LegalEntity', prop: 'name' }), true);
    assert.equal(coversCategory(legal, { dataset: 'x', schema: 'Vessel', prop: 'name' }), false);

    const person = agreement({ categories: [{ schema: 'Person' }] });
    assert.equal(coversCategory(person, { dataset: 'x', schema: 'Company', prop: 'name' }), false);
    assert.equal(coversCategory(person, { dataset: 'x', schema: 'LegalEntity', prop: 'name' }), false);

    const all = agreement({ categories: [{ dataset: 'fiu_cases', schema: 'Person', property: 'name' }] });
    assert.equal(coversCategory(all, { dataset: 'fiu_cases', schema: 'Person', prop: 'name' }), true);
    assert.equal(coversCategory(all, { dataset: 'fiu_cases', schema: 'Person', prop: 'birthDate' }), false);
    assert.equal(coversCategory(all, { dataset: 'other', schema: 'Person', prop: 'name' }), false);
    assert.equal(coversCategory(all, { dataset: 'fiu_cases', schema: 'Company', prop: 'name' }), false);

    const either = agreement({ categories: [{ dataset: 'a' }, { property: 'name' }] });
    assert.equal(coversCategory(either, { dataset: 'b', schema: 'Company', prop: 'name' }), true);
    assert.equal(coversCategory(either, { dataset: 'a', schema: 'Company', prop: 'country' }), true);
    assert.equal(coversCategory(either, { dataset: 'b', schema: 'Company', prop: 'country' }), false);
  });

  it('has a ceiling on colour and level', () => {
    const a = agreement({ maxTlp: 'AMBER', maxLevel: 'CONFIDENTIAL' });
    assert.equal(withinCeiling(a, 'CLEAR', 'UNCLASSIFIED', LADDER), true);
    assert.equal(withinCeiling(a, 'AMBER', 'CONFIDENTIAL', LADDER), true);
    assert.equal(withinCeiling(a, 'AMBER+STRICT', 'UNCLASSIFIED', LADDER), false);
    assert.equal(withinCeiling(a, 'GREEN', 'SECRET', LADDER), false);
  });
});

// ---------------------------------------------------------------- minimisation

describe('minimisationFor', () => {
  const rules = (...minimisation: MinimisationRule[]) => agreement({ minimisation });

  it('is none when no rule matches', () => {
    assert.equal(minimisationFor(rules(), 'Person', 'name'), null);
    assert.equal(minimisationFor(rules({ property: 'birthDate', action: 'drop' }), 'Person', 'name'), null);
    assert.equal(minimisationFor(rules({ schema: 'Company', property: 'name', action: 'drop' }), 'Person', 'name'), null);
  });

  it('applies a rule to the schema and the schemata that extend it', () => {
    const a = rules({ schema: 'LegalEntity', property: 'idNumber', action: 'hash' });
    assert.equal(minimisationFor(a, 'Person', 'idNumber'), 'hash');
    assert.equal(minimisationFor(a, 'Company', 'idNumber'), 'hash');
    assert.equal(minimisationFor(a, 'LegalEntity', 'idNumber'), 'hash');
    assert.equal(minimisationFor(rules({ schema: 'Person', property: 'idNumber', action: 'hash' }), 'LegalEntity', 'idNumber'), null);
  });

  it('picks the strictest matching rule: drop over everything', () => {
    const a = rules(
      { property: 'birthDate', action: 'mask' },
      { schema: 'Person', property: 'birthDate', action: 'drop' },
      { schema: 'LegalEntity', property: 'birthDate', action: 'hash' },
    );
    assert.equal(minimisationFor(a, 'Person', 'birthDate'), 'drop');
    const b = rules({ property: 'birthDate', action: 'drop' }, { property: 'birthDate', action: 'mask' });
    assert.equal(minimisationFor(b, 'Person', 'birthDate'), 'drop');
    const c = rules({ property: 'birthDate', action: 'hash' }, { property: 'birthDate', action: 'drop' });
    assert.equal(minimisationFor(c, 'Company', 'birthDate'), 'drop');
    // a rule for a more specific schema that does not match does not count
    const d = rules({ property: 'birthDate', action: 'mask' }, { schema: 'Person', property: 'birthDate', action: 'drop' });
    assert.equal(minimisationFor(d, 'Company', 'birthDate'), 'mask');
  });

  it('property: the result is a matching rule at least as strict as every matching rule, whatever their order', () => {
    const STRICTNESS = ['mask', 'hash', 'drop'] as const;
    const rule = fc.record(
      {
        schema: fc.constantFrom('Thing', 'LegalEntity', 'Person', 'Company', 'Vessel'),
        property: fc.constantFrom('name', 'idNumber'),
        action: fc.constantFrom(...STRICTNESS),
      },
      { requiredKeys: ['property', 'action'] },
    );
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.constantFrom('Person', 'Company', 'Vessel'), fc.constantFrom('name', 'idNumber'), (rs, schema, prop) => {
        const matching = rs.filter((r) => r.property === prop && (r.schema === undefined || isA(schema, r.schema)));
        const got = minimisationFor(rules(...rs), schema, prop);
        if (matching.length === 0) return assert.equal(got, null);
        assert.ok(got !== null && matching.some((r) => r.action === got));
        for (const r of matching) assert.ok(STRICTNESS.indexOf(got) >= STRICTNESS.indexOf(r.action));
        assert.equal(minimisationFor(rules(...[...rs].reverse()), schema, prop), got);
      }),
      { numRuns: 300 },
    );
  });

  it(
    'ranks mask and hash the way the decision point does (mask shows part of a value, hash none of it: hash is stricter)',
    () => {
      const a = rules({ property: 'idNumber', action: 'mask' }, { property: 'idNumber', action: 'hash' });
      assert.equal(minimisationFor(a, 'Person', 'idNumber'), 'hash');
    },
  );
});

describe('maskValue', () => {
  it('keeps the year of a date', () => {
    assert.equal(maskValue('1970-05-17', 'date'), '1970');
    assert.equal(maskValue('1970-05', 'date'), '1970');
  });

  it('keeps the last four characters of identifiers longer than eight, behind a fixed-length mask', () => {
    assert.equal(maskValue('NL91ABNA0417164300', 'identifier'), BULLET.repeat(4) + '4300');
    assert.equal(maskValue('NL91ABNA0417164300', 'iban'), BULLET.repeat(4) + '4300');
    assert.equal(maskValue('+31201234567', 'phone'), BULLET.repeat(4) + '4567');
    assert.equal(maskValue('maria@example.org', 'email'), BULLET.repeat(4) + '.org');
  });

  it('keeps nothing of a short identifier, and never its length', () => {
    assert.equal(maskValue('12345678', 'identifier'), BULLET.repeat(4));
    assert.equal(maskValue('12', 'identifier'), BULLET.repeat(4));
  });

  it('keeps the initials of names and texts, each word masked to the same length', () => {
    assert.equal(maskValue('Maria Ossetrova', 'name'), `M${BULLET.repeat(3)} O${BULLET.repeat(3)}`);
    assert.equal(maskValue('Banco  Nacional de Cuba', 'name'), `B${BULLET.repeat(3)}  N${BULLET.repeat(3)} d${BULLET.repeat(3)} C${BULLET.repeat(3)}`);
    assert.equal(maskValue('A', 'string'), `A${BULLET.repeat(3)}`);
  });

  /** Values as they are stored: trimmed, not blank, no mask characters of their own. */
  const storedValue = (minLength: number) =>
    fc
      .oneof(fc.string({ minLength }), fc.string({ unit: 'grapheme', minLength }), fc.stringMatching(/^[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,3}$/))
      .map((s) => s.replaceAll(BULLET, '').trim())
      .filter((s) => s.length >= minLength);

  it('property: never returns a value longer than 3 characters unchanged', () => {
    const TYPES = ['identifier', 'phone', 'email', 'iban', 'url', 'checksum', 'name', 'string', 'text', 'address'];
    fc.assert(
      fc.property(storedValue(4), fc.constantFrom(...TYPES), (value, type) => {
        assert.notEqual(maskValue(value, type), value);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const full = d.toISOString().slice(0, 10);
        assert.equal(maskValue(full, 'date'), full.slice(0, 4));
        assert.equal(maskValue(full.slice(0, 7), 'date'), full.slice(0, 4));
      }),
    );
  });

  it('property: identifiers longer than eight keep exactly their last four behind four mask characters, names keep their initials', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{9,34}$/), (id) => {
        const masked = maskValue(id, 'identifier');
        assert.equal(masked, BULLET.repeat(4) + id.slice(-4));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z]{1,12}$/), { minLength: 1, maxLength: 5 }), (words) => {
        const masked = maskValue(words.join(' '), 'name');
        assert.deepEqual(
          masked.split(' ').map((w) => w[0]),
          words.map((w) => w[0]),
        );
        assert.ok(!/[A-Za-z]{2}/.test(masked), masked);
      }),
    );
  });

  it(
    'keeps a name well-formed when a word starts outside the BMP',
    () => {
      const masked = maskValue('𠀋 Wang', 'name');
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(masked), JSON.stringify(masked));
      assert.ok(masked.startsWith('𠀋'));
    },
  );
});

describe('keyedHash', () => {
  it('is deterministic and tagged with its algorithm', () => {
    const h = keyedHash('k1', 'NL91ABNA0417164300', 'iban');
    assert.match(h, /^hmac-sha256:[A-Za-z0-9_-]{43}$/);
    assert.equal(keyedHash('k1', 'NL91ABNA0417164300', 'iban'), h);
  });

  it('differs by key and by value', () => {
    assert.notEqual(keyedHash('k1', 'NL91ABNA0417164300', 'iban'), keyedHash('k2', 'NL91ABNA0417164300', 'iban'));
    assert.notEqual(keyedHash('k1', 'NL91ABNA0417164300', 'iban'), keyedHash('k1', 'NL91ABNA0417164301', 'iban'));
  });

  it('normalises identifiers: case, spaces and punctuation do not matter', () => {
    for (const type of ['iban', 'identifier', 'phone']) {
      assert.equal(keyedHash('k', 'NL91 ABNA 0417 1643 00', type), keyedHash('k', 'nl91abna0417164300', type), type);
    }
    assert.equal(keyedHash('k', '+31 (20) 123-4567', 'phone'), keyedHash('k', '31201234567', 'phone'));
    assert.equal(hashInput('nl91-abna 0417', 'identifier'), 'NL91ABNA0417');
  });

  it('normalises names: case, diacritics and spacing do not matter', () => {
    const h = keyedHash('k', 'José Müller', 'name');
    assert.equal(keyedHash('k', 'JOSE MULLER', 'name'), h);
    assert.equal(keyedHash('k', '  jose   müller ', 'name'), h);
    assert.equal(keyedHash('k', 'José-Müller', 'name'), h);
    assert.notEqual(keyedHash('k', 'José Miller', 'name'), h);
  });

  it('normalises other values by trimming and lower-casing', () => {
    assert.equal(keyedHash('k', ' Maria@Example.ORG ', 'email'), keyedHash('k', 'maria@example.org', 'email'));
  });

  it('property: deterministic, and two keys never agree', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string(), fc.constantFrom('name', 'iban', 'identifier', 'email', 'string'), (k1, k2, v, type) => {
        fc.pre(k1 !== k2);
        assert.equal(keyedHash(k1, v, type), keyedHash(k1, v, type));
        assert.notEqual(keyedHash(k1, v, type), keyedHash(k2, v, type));
      }),
    );
  });
});

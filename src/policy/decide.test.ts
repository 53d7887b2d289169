import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { StatementRow } from '../store/statements.ts';
import { keyedHash, maskValue, type AgreementWithKey } from './agreements.ts';
import { Policy, presentValue, type Access, type StatementClass } from './decide.ts';
import { combineMarkings, DEFAULT_LEVELS, formatMarking, TLP_COLOURS, type Marking } from './markings.ts';
import type { Role } from './roles.ts';
import { ReadScope } from './scope.ts';
import { makeViewer, type Viewer } from './viewer.ts';

// ---------------------------------------------------------------- fixtures

const LADDER = DEFAULT_LEVELS;
const AGENCY_COUNTRY: ReadonlyMap<string, string> = new Map([
  ['fiu-nl', 'NL'],
  ['customs-be', 'BE'],
  ['bank-de', 'DE'],
]);
const TODAY = '2025-06-01';

const ALLOW: Access = { allow: true, transform: null };
const DENY: Access = { allow: false };

function policy(agreements: AgreementWithKey[] = [], today = TODAY): Policy {
  return new Policy({ ladder: LADDER, agencyCountry: AGENCY_COUNTRY, agreements, today });
}

interface ViewerOptions {
  roles?: Role[];
  clearance?: string;
  purpose?: string;
  scopes?: string[];
}

function viewer(agency: string, o: ViewerOptions = {}): Viewer {
  return makeViewer(
    { id: `u-${agency}`, username: `analyst-${agency}`, agency_id: agency, roles: o.roles ?? ['analyst'], clearance: o.clearance ?? 'SECRET' },
    { country: AGENCY_COUNTRY.get(agency) ?? 'FR' },
    o.purpose ?? 'aml',
    'cli',
    o.scopes,
  );
}

const NL = viewer('fiu-nl');
const BE = viewer('customs-be');
const DE = viewer('bank-de');

/** A statement class held by fiu-nl: a Person's name in the fiu_cases dataset. */
function cls(marking: string, over: Partial<StatementClass> = {}): StatementClass {
  return { dataset: 'fiu_cases', agency: 'fiu-nl', marking, schema: 'Person', prop: 'name', ...over };
}

const approval = (agency: string) => ({ agency, user: `officer-${agency}`, at: '2025-01-02T10:00:00.000Z' });

/** An agreement between fiu-nl and customs-be over fiu_cases for aml, up to RED//SECRET, approved by fiu-nl. */
function agreement(over: Partial<AgreementWithKey> = {}): AgreementWithKey {
  return {
    id: 'agr-1',
    name: 'NL-BE AML',
    parties: ['customs-be', 'fiu-nl'],
    categories: [{ dataset: 'fiu_cases' }],
    purposes: ['aml', 'sanctions'],
    maxTlp: 'RED',
    maxLevel: 'SECRET',
    minimisation: [],
    retentionDays: null,
    validFrom: '2025-01-01',
    validUntil: null,
    createdBy: 'u-fiu-nl',
    createdAt: '2025-01-01T09:00:00.000Z',
    revokedAt: null,
    approvals: [approval('fiu-nl')],
    hashKey: 'key-agr-1',
    ...over,
  };
}

/** Reads a class for a viewer on a fresh policy with these agreements. */
const readWith = (agreements: AgreementWithKey[], v: Viewer, c: StatementClass) => policy(agreements).read(v, c);

// ---------------------------------------------------------------- reading

describe('Policy.read: permission', () => {
  it('refuses a viewer without data:read, even TLP:CLEAR data of their own agency', () => {
    for (const roles of [['auditor'], ['administrator'], [], ['auditor', 'administrator']] as Role[][]) {
      const v = viewer('fiu-nl', { roles });
      assert.deepEqual(policy().read(v, cls('TLP:CLEAR')), DENY, roles.join(','));
      assert.deepEqual(policy().read(v, cls('TLP:CLEAR', { agency: 'bank-de' })), DENY, roles.join(','));
    }
  });

  it('allows every role that has data:read', () => {
    for (const roles of [['analyst'], ['supervisor'], ['liaison_officer'], ['auditor', 'analyst']] as Role[][]) {
      assert.deepEqual(policy().read(viewer('customs-be', { roles }), cls('TLP:CLEAR')), ALLOW, roles.join(','));
    }
  });

  it('refuses a token whose scopes leave out data:read', () => {
    assert.deepEqual(policy().read(viewer('fiu-nl', { roles: ['supervisor'], scopes: ['data:export'] }), cls('TLP:CLEAR')), DENY);
    assert.deepEqual(policy().read(viewer('fiu-nl', { roles: ['supervisor'], scopes: ['data:read'] }), cls('TLP:CLEAR')), ALLOW);
  });
});

describe('Policy.read: clearance', () => {
  it('refuses a level above the clearance, even to the holding agency', () => {
    const p = policy([agreement()]);
    assert.deepEqual(p.read(viewer('fiu-nl', { clearance: 'CONFIDENTIAL' }), cls('TLP:CLEAR//SECRET')), DENY);
    assert.deepEqual(p.read(viewer('fiu-nl', { clearance: 'UNCLASSIFIED' }), cls('TLP:CLEAR//RESTRICTED')), DENY);
    assert.deepEqual(p.read(viewer('customs-be', { clearance: 'RESTRICTED' }), cls('TLP:AMBER//CONFIDENTIAL')), DENY);
  });

  it('allows a level at or below the clearance', () => {
    const p = policy([agreement()]);
    assert.deepEqual(p.read(viewer('fiu-nl', { clearance: 'CONFIDENTIAL' }), cls('TLP:CLEAR//CONFIDENTIAL')), ALLOW);
    assert.deepEqual(p.read(viewer('fiu-nl', { clearance: 'CONFIDENTIAL' }), cls('TLP:RED//RESTRICTED')), ALLOW);
    assert.deepEqual(p.read(viewer('fiu-nl', { clearance: 'UNCLASSIFIED' }), cls('TLP:CLEAR')), ALLOW);
    assert.deepEqual(p.read(viewer('customs-be', { clearance: 'CONFIDENTIAL' }), cls('TLP:AMBER//CONFIDENTIAL')), ALLOW);
  });

  it('refuses everything to an unknown clearance (fail closed)', () => {
    assert.deepEqual(policy().read(viewer('fiu-nl', { clearance: 'COSMIC' }), cls('TLP:CLEAR')), DENY);
    assert.deepEqual(policy().read(viewer('fiu-nl', { clearance: 'secret' }), cls('TLP:CLEAR')), DENY);
  });
});

describe('Policy.read: purpose', () => {
  it('refuses when the marking purposes leave out the viewer purpose, even to the holder', () => {
    const p = policy();
    assert.deepEqual(p.read(viewer('fiu-nl', { purpose: 'aml' }), cls('TLP:CLEAR//PURPOSE sanctions')), DENY);
    assert.deepEqual(p.read(viewer('customs-be', { purpose: 'aml' }), cls('TLP:CLEAR//PURPOSE sanctions, customs')), DENY);
  });

  it('allows when the marking purposes include it, or name none', () => {
    const p = policy();
    assert.deepEqual(p.read(viewer('fiu-nl', { purpose: 'sanctions' }), cls('TLP:CLEAR//PURPOSE sanctions')), ALLOW);
    assert.deepEqual(p.read(viewer('customs-be', { purpose: 'customs' }), cls('TLP:CLEAR//PURPOSE sanctions, customs')), ALLOW);
    assert.deepEqual(p.read(viewer('customs-be', { purpose: 'customs' }), cls('TLP:CLEAR')), ALLOW);
  });
});

describe('Policy.read: the holding agency', () => {
  it("shows the holder's own users everything within clearance and purpose, whatever the colour and releasability", () => {
    const p = policy();
    for (const marking of ['TLP:RED', 'TLP:RED//SECRET//REL TO NONE', 'TLP:AMBER+STRICT//REL TO BE//ORCON bank-de', 'TLP:AMBER//REL TO NONE']) {
      assert.deepEqual(p.read(NL, cls(marking)), ALLOW, marking);
    }
  });

  it('refuses the same data to other agencies without an agreement', () => {
    const p = policy();
    for (const marking of ['TLP:RED', 'TLP:RED//SECRET//REL TO NONE', 'TLP:AMBER//REL TO NONE', 'TLP:GREEN//REL TO NONE']) {
      assert.deepEqual(p.read(BE, cls(marking)), DENY, marking);
      assert.deepEqual(p.read(DE, cls(marking)), DENY, marking);
    }
  });

  it('REL TO NONE is not lifted by an agreement', () => {
    assert.deepEqual(readWith([agreement()], BE, cls('TLP:AMBER//REL TO NONE')), DENY);
    assert.deepEqual(readWith([agreement()], BE, cls('TLP:AMBER')), ALLOW);
  });
});

describe('Policy.read: releasability', () => {
  it('allows and refuses by agency id', () => {
    const p = policy();
    assert.deepEqual(p.read(BE, cls('TLP:GREEN//REL TO customs-be')), ALLOW);
    assert.deepEqual(p.read(DE, cls('TLP:GREEN//REL TO customs-be')), DENY);
  });

  it('allows and refuses by country', () => {
    const p = policy();
    assert.deepEqual(p.read(BE, cls('TLP:GREEN//REL TO BE')), ALLOW);
    assert.deepEqual(p.read(DE, cls('TLP:GREEN//REL TO BE')), DENY);
    assert.deepEqual(p.read(BE, cls('TLP:CLEAR//REL TO NL')), DENY);
    assert.deepEqual(p.read(DE, cls('TLP:CLEAR//REL TO DE, customs-be')), ALLOW);
    assert.deepEqual(p.read(BE, cls('TLP:CLEAR//REL TO DE, customs-be')), ALLOW);
  });

  it('releasability alone does not open AMBER data', () => {
    assert.deepEqual(readWith([], BE, cls('TLP:AMBER//REL TO BE')), DENY);
    assert.deepEqual(readWith([agreement()], BE, cls('TLP:AMBER//REL TO BE')), ALLOW);
    assert.deepEqual(readWith([agreement()], BE, cls('TLP:AMBER//REL TO DE')), DENY);
  });
});

describe('Policy.read: colour without an agreement', () => {
  it('lets other agencies read TLP:CLEAR and TLP:GREEN without originator control', () => {
    const p = policy();
    for (const marking of ['TLP:CLEAR', 'TLP:GREEN', 'TLP:GREEN//CONFIDENTIAL', 'TLP:GREEN//PURPOSE aml']) {
      assert.deepEqual(p.read(BE, cls(marking)), ALLOW, marking);
      assert.deepEqual(p.read(DE, cls(marking)), ALLOW, marking);
    }
  });

  it('refuses AMBER, AMBER+STRICT, RED and originator-controlled data to other agencies', () => {
    const p = policy();
    for (const marking of ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED', 'TLP:CLEAR//ORCON fiu-nl', 'TLP:GREEN//ORCON bank-de']) {
      assert.deepEqual(p.read(BE, cls(marking)), DENY, marking);
      assert.deepEqual(p.read(DE, cls(marking)), DENY, marking);
    }
  });

  it('does not apply an agreement (or its minimisation) to CLEAR and GREEN data', () => {
    const dropAll = agreement({ minimisation: [{ property: 'name', action: 'drop' }] });
    assert.deepEqual(readWith([dropAll], BE, cls('TLP:GREEN')), ALLOW);
    assert.deepEqual(readWith([dropAll], BE, cls('TLP:AMBER')), DENY);
  });
});

describe('Policy.read: under an agreement', () => {
  const AMBER = cls('TLP:AMBER');

  it('allows AMBER, AMBER+STRICT and RED data under an agreement that covers it', () => {
    for (const marking of ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED', 'TLP:RED//SECRET//REL TO BE']) {
      assert.deepEqual(readWith([agreement()], BE, cls(marking)), ALLOW, marking);
    }
  });

  it('needs the agreement in force today', () => {
    assert.deepEqual(readWith([agreement({ validFrom: TODAY })], BE, AMBER), ALLOW);
    assert.deepEqual(readWith([agreement({ validFrom: '2025-06-02' })], BE, AMBER), DENY);
    assert.deepEqual(readWith([agreement({ validUntil: TODAY })], BE, AMBER), ALLOW);
    assert.deepEqual(readWith([agreement({ validUntil: '2025-05-31' })], BE, AMBER), DENY);
    assert.deepEqual(readWith([agreement({ revokedAt: '2025-05-01T00:00:00.000Z' })], BE, AMBER), DENY);
    assert.deepEqual(policy([agreement({ validUntil: '2025-12-31' })], '2026-01-01').read(BE, AMBER), DENY);
  });

  it('needs both agencies as parties', () => {
    assert.deepEqual(readWith([agreement()], DE, AMBER), DENY);
    const nlDe = agreement({ parties: ['bank-de', 'fiu-nl'] });
    assert.deepEqual(readWith([nlDe], DE, AMBER), ALLOW);
    assert.deepEqual(readWith([nlDe], BE, AMBER), DENY);
    // an agreement between the others does not cover the holder's data
    const beDe = agreement({ parties: ['bank-de', 'customs-be'], approvals: [approval('bank-de'), approval('customs-be'), approval('fiu-nl')] });
    assert.deepEqual(readWith([beDe], BE, AMBER), DENY);
    assert.deepEqual(readWith([beDe], BE, cls('TLP:AMBER', { agency: 'bank-de' })), ALLOW);
  });

  it('needs the holder to have approved; approval by the recipient alone is not enough', () => {
    assert.deepEqual(readWith([agreement({ approvals: [] })], BE, AMBER), DENY);
    assert.deepEqual(readWith([agreement({ approvals: [approval('customs-be')] })], BE, AMBER), DENY);
    assert.deepEqual(readWith([agreement({ approvals: [approval('customs-be'), approval('fiu-nl')] })], BE, AMBER), ALLOW);
    // the holder's approval shares the holder's data only
    assert.deepEqual(readWith([agreement()], NL, cls('TLP:AMBER', { agency: 'customs-be' })), DENY);
  });

  it('needs the agreement to cover the data category (dataset, schema, property)', () => {
    const under = (categories: AgreementWithKey['categories'], c: StatementClass = AMBER) => readWith([agreement({ categories })], BE, c);
    assert.deepEqual(under([{ dataset: 'fiu_cases' }]), ALLOW);
    assert.deepEqual(under([{ dataset: 'other_cases' }]), DENY);
    assert.deepEqual(under([{ schema: 'LegalEntity' }]), ALLOW);
    assert.deepEqual(under([{ schema: 'Person' }]), ALLOW);
    assert.deepEqual(under([{ schema: 'Company' }]), DENY);
    assert.deepEqual(under([{ schema: 'LegalEntity' }], cls('TLP:AMBER', { schema: 'Company' })), ALLOW);
    assert.deepEqual(under([{ schema: 'Person' }], cls('TLP:AMBER', { schema: 'Company' })), DENY);
    assert.deepEqual(under([{ property: 'name' }]), ALLOW);
    assert.deepEqual(under([{ property: 'birthDate' }]), DENY);
    assert.deepEqual(under([{ dataset: 'fiu_cases', schema: 'Person', property: 'name' }]), ALLOW);
    assert.deepEqual(under([{ dataset: 'fiu_cases', schema: 'Person', property: 'birthDate' }]), DENY);
    assert.deepEqual(under([{ dataset: 'other', schema: 'Person', property: 'name' }, { property: 'name' }]), ALLOW);
  });

  it('needs the purpose to be one of the agreement', () => {
    assert.deepEqual(readWith([agreement({ purposes: ['sanctions'] })], viewer('customs-be', { purpose: 'sanctions' }), AMBER), ALLOW);
    assert.deepEqual(readWith([agreement({ purposes: ['sanctions'] })], viewer('customs-be', { purpose: 'aml' }), AMBER), DENY);
    assert.deepEqual(readWith([agreement()], viewer('customs-be', { purpose: 'customs' }), AMBER), DENY);
  });

  it('needs the marking within the agreement ceiling (maxTlp, maxLevel)', () => {
    const amberConfidential = agreement({ maxTlp: 'AMBER', maxLevel: 'CONFIDENTIAL' });
    assert.deepEqual(readWith([amberConfidential], BE, cls('TLP:AMBER')), ALLOW);
    assert.deepEqual(readWith([amberConfidential], BE, cls('TLP:AMBER//CONFIDENTIAL')), ALLOW);
    assert.deepEqual(readWith([amberConfidential], BE, cls('TLP:AMBER+STRICT')), DENY);
    assert.deepEqual(readWith([amberConfidential], BE, cls('TLP:RED')), DENY);
    assert.deepEqual(readWith([amberConfidential], BE, cls('TLP:AMBER//SECRET')), DENY);
    const strict = agreement({ maxTlp: 'AMBER+STRICT', maxLevel: 'RESTRICTED' });
    assert.deepEqual(readWith([strict], BE, cls('TLP:AMBER+STRICT//RESTRICTED')), ALLOW);
    assert.deepEqual(readWith([strict], BE, cls('TLP:AMBER+STRICT//CONFIDENTIAL')), DENY);
  });

  it('needs every originator of ORCON data to be a party that approved', () => {
    const orcon = cls('TLP:AMBER//ORCON bank-de');
    assert.deepEqual(readWith([agreement()], BE, orcon), DENY);
    const withDe = agreement({ parties: ['bank-de', 'customs-be', 'fiu-nl'] });
    assert.deepEqual(readWith([withDe], BE, orcon), DENY);
    assert.deepEqual(readWith([{ ...withDe, approvals: [approval('fiu-nl'), approval('bank-de')] }], BE, orcon), ALLOW);
    // approval by a non-party does not count
    assert.deepEqual(readWith([agreement({ approvals: [approval('fiu-nl'), approval('bank-de')] })], BE, orcon), DENY);
    // ORCON also takes GREEN data under an agreement
    assert.deepEqual(readWith([], BE, cls('TLP:GREEN//ORCON fiu-nl')), DENY);
    assert.deepEqual(readWith([agreement()], BE, cls('TLP:GREEN//ORCON fiu-nl')), ALLOW);
    // two originators: both must approve
    const two = cls('TLP:AMBER//ORCON bank-de, fiu-nl');
    assert.deepEqual(readWith([withDe], BE, two), DENY);
    assert.deepEqual(readWith([{ ...withDe, approvals: [approval('fiu-nl'), approval('bank-de')] }], BE, two), ALLOW);
  });
});

describe('Policy.read: minimisation', () => {
  const AMBER = cls('TLP:AMBER');

  it('masks: allowed with a transform, and the presented value changes', () => {
    const access = readWith([agreement({ minimisation: [{ property: 'name', action: 'mask' }] })], BE, AMBER);
    assert.deepEqual(access, { allow: true, transform: 'mask', agreement: 'agr-1', hashKey: 'key-agr-1' });
    const shown = presentValue('Maria Ossetrova', 'name', access);
    assert.notEqual(shown, 'Maria Ossetrova');
    assert.equal(shown, maskValue('Maria Ossetrova', 'name'));
  });

  it('hashes with the agreement key', () => {
    const access = readWith([agreement({ minimisation: [{ schema: 'LegalEntity', property: 'name', action: 'hash' }] })], BE, AMBER);
    assert.deepEqual(access, { allow: true, transform: 'hash', agreement: 'agr-1', hashKey: 'key-agr-1' });
    const shown = presentValue('Maria Ossetrova', 'name', access);
    assert.notEqual(shown, 'Maria Ossetrova');
    assert.equal(shown, keyedHash('key-agr-1', 'Maria Ossetrova', 'name'));
  });

  it('drop refuses', () => {
    assert.deepEqual(readWith([agreement({ minimisation: [{ property: 'name', action: 'drop' }] })], BE, AMBER), DENY);
    // a rule for another property or schema does not apply
    assert.deepEqual(readWith([agreement({ minimisation: [{ property: 'birthDate', action: 'drop' }] })], BE, AMBER), ALLOW);
    assert.deepEqual(readWith([agreement({ minimisation: [{ schema: 'Company', property: 'name', action: 'drop' }] })], BE, AMBER), ALLOW);
  });

  it("does not minimise for the holder's own users", () => {
    assert.deepEqual(readWith([agreement({ minimisation: [{ property: 'name', action: 'drop' }] })], NL, AMBER), ALLOW);
  });

  it('with two agreements, the least minimised access wins', () => {
    const masked = agreement({ id: 'agr-mask', hashKey: 'k-mask', minimisation: [{ property: 'name', action: 'mask' }] });
    const hashed = agreement({ id: 'agr-hash', hashKey: 'k-hash', minimisation: [{ property: 'name', action: 'hash' }] });
    const dropped = agreement({ id: 'agr-drop', minimisation: [{ property: 'name', action: 'drop' }] });
    const clear = agreement({ id: 'agr-clear' });
    assert.deepEqual(readWith([masked, clear], BE, AMBER), ALLOW);
    assert.deepEqual(readWith([clear, masked], BE, AMBER), ALLOW);
    // Mask shows part of a value, a keyed hash none of it: mask is the lighter minimisation.
    assert.deepEqual(readWith([masked, hashed], BE, AMBER), { allow: true, transform: 'mask', agreement: 'agr-mask', hashKey: 'k-mask' });
    assert.deepEqual(readWith([hashed, masked], BE, AMBER), { allow: true, transform: 'mask', agreement: 'agr-mask', hashKey: 'k-mask' });
    assert.deepEqual(readWith([dropped, masked], BE, AMBER), { allow: true, transform: 'mask', agreement: 'agr-mask', hashKey: 'k-mask' });
    // an agreement that does not qualify gives nothing, however little it minimises
    assert.deepEqual(readWith([masked, { ...clear, revokedAt: '2025-05-01T00:00:00Z' }], BE, AMBER), { allow: true, transform: 'mask', agreement: 'agr-mask', hashKey: 'k-mask' });
  });

  it('presentValue leaves the value alone for clear access', () => {
    assert.equal(presentValue('Maria', 'name', ALLOW), 'Maria');
  });
});

describe('Policy.read: fail closed', () => {
  it('refuses data whose marking cannot be parsed, even to the holder', () => {
    const p = policy([agreement()]);
    for (const marking of ['', 'TLP:PURPLE', 'CONFIDENTIAL', 'TLP:AMBER//TOP SECRET', 'TLP:AMBER//REL TO XX', 'TLP:AMBER//PURPOSE ']) {
      assert.deepEqual(p.read(NL, cls(marking)), DENY, marking);
      assert.deepEqual(p.read(BE, cls(marking)), DENY, marking);
      assert.deepEqual(p.release(cls(marking), 'customs-be', 'agr-1', 'aml'), DENY, marking);
    }
    assert.equal(p.marking('TLP:PURPLE'), null);
  });

  it('refuses a level outside the configured ladder', () => {
    const p = new Policy({ ladder: ['OFFICIAL', 'SECRET'], agencyCountry: AGENCY_COUNTRY, agreements: [], today: TODAY });
    assert.deepEqual(p.read(NL, cls('TLP:CLEAR//CONFIDENTIAL')), DENY);
    assert.deepEqual(p.read(NL, cls('TLP:CLEAR//SECRET')), ALLOW);
  });

  it('property: text that is not a marking is refused to everyone', () => {
    const p = policy([agreement()]);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(NL, BE, DE), (text, v) => {
        fc.pre(p.marking(text) === null);
        assert.deepEqual(p.read(v, cls(text)), DENY);
      }),
    );
  });
});

describe('Policy.read: caching', () => {
  it('keeps decisions for different viewers apart', () => {
    const p = policy([agreement({ purposes: ['aml'] })]);
    const c = cls('TLP:AMBER//CONFIDENTIAL');
    assert.deepEqual(p.read(BE, c), ALLOW);
    assert.deepEqual(p.read(viewer('customs-be', { clearance: 'RESTRICTED' }), c), DENY);
    assert.deepEqual(p.read(viewer('customs-be', { purpose: 'sanctions' }), c), DENY);
    assert.deepEqual(p.read(viewer('customs-be', { roles: ['auditor'] }), c), DENY);
    assert.deepEqual(p.read(DE, c), DENY);
    assert.deepEqual(p.read(BE, c), ALLOW);
    assert.deepEqual(p.read(BE, { ...c, dataset: 'other' }), DENY);
    assert.deepEqual(p.read(BE, { ...c, prop: 'birthDate' }), ALLOW);
  });
});

// ---------------------------------------------------------------- releasing

describe('Policy.release', () => {
  const AMBER = cls('TLP:AMBER');

  it('allows under an agreement that covers the data', () => {
    assert.deepEqual(policy([agreement()]).release(AMBER, 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(policy([agreement()]).release(cls('TLP:RED'), 'customs-be', 'agr-1', 'aml'), ALLOW);
  });

  it('refuses release to the holder itself', () => {
    const p = policy([agreement()]);
    assert.deepEqual(p.release(AMBER, 'fiu-nl', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:CLEAR'), 'fiu-nl', 'agr-1', 'aml'), DENY);
  });

  it('refuses release to an agency that is not a party, or not known', () => {
    const p = policy([agreement()]);
    assert.deepEqual(p.release(AMBER, 'bank-de', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(AMBER, 'police-fr', 'agr-1', 'aml'), DENY);
    assert.deepEqual(policy([agreement({ parties: ['customs-be', 'fiu-nl', 'police-fr'] })]).release(AMBER, 'police-fr', 'agr-1', 'aml'), DENY);
  });

  it('refuses when REL TO excludes the partner', () => {
    const p = policy([agreement()]);
    assert.deepEqual(p.release(cls('TLP:AMBER//REL TO DE'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:AMBER//REL TO NONE'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:AMBER//REL TO BE'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(p.release(cls('TLP:AMBER//REL TO customs-be'), 'customs-be', 'agr-1', 'aml'), ALLOW);
  });

  it('never releases originator-controlled AMBER+STRICT or RED data', () => {
    const all = agreement({ parties: ['bank-de', 'customs-be', 'fiu-nl'], approvals: [approval('fiu-nl'), approval('bank-de'), approval('customs-be')] });
    const p = policy([all]);
    assert.deepEqual(p.release(cls('TLP:AMBER+STRICT//ORCON bank-de'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:RED//ORCON bank-de'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:RED//ORCON fiu-nl'), 'customs-be', 'agr-1', 'aml'), DENY);
    // without ORCON, or at AMBER, it may leave
    assert.deepEqual(p.release(cls('TLP:AMBER+STRICT'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(p.release(cls('TLP:AMBER//ORCON bank-de'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    // ORCON AMBER needs the originator's approval
    assert.deepEqual(policy([agreement()]).release(cls('TLP:AMBER//ORCON bank-de'), 'customs-be', 'agr-1', 'aml'), DENY);
  });

  it("applies the agreement's minimisation", () => {
    const p = policy([agreement({ minimisation: [{ property: 'name', action: 'mask' }, { property: 'birthDate', action: 'drop' }] })]);
    assert.deepEqual(p.release(AMBER, 'customs-be', 'agr-1', 'aml'), { allow: true, transform: 'mask', agreement: 'agr-1', hashKey: 'key-agr-1' });
    assert.deepEqual(p.release(cls('TLP:AMBER', { prop: 'birthDate' }), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:AMBER', { prop: 'nationality' }), 'customs-be', 'agr-1', 'aml'), ALLOW);
  });

  it('needs the agreement to cover TLP:CLEAR data too', () => {
    assert.deepEqual(policy([agreement()]).release(cls('TLP:CLEAR'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(policy([agreement({ categories: [{ dataset: 'other' }] })]).release(cls('TLP:CLEAR'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(policy([agreement({ categories: [{ schema: 'Company' }] })]).release(cls('TLP:GREEN'), 'customs-be', 'agr-1', 'aml'), DENY);
  });

  it('uses only the agreement named, and only while it is in force and approved by the holder', () => {
    const other = agreement({ id: 'agr-2' });
    assert.deepEqual(policy([other]).release(AMBER, 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(policy([agreement(), other]).release(AMBER, 'customs-be', 'agr-2', 'aml'), ALLOW);
    assert.deepEqual(policy([agreement({ revokedAt: '2025-05-01T00:00:00Z' })]).release(AMBER, 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(policy([agreement({ validFrom: '2025-07-01' })]).release(AMBER, 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(policy([agreement({ approvals: [approval('customs-be')] })]).release(AMBER, 'customs-be', 'agr-1', 'aml'), DENY);
  });

  it('needs the purpose in the marking and in the agreement, and the marking within the ceiling', () => {
    const p = policy([agreement({ purposes: ['aml'], maxTlp: 'AMBER', maxLevel: 'RESTRICTED' })]);
    assert.deepEqual(p.release(cls('TLP:AMBER//PURPOSE aml'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(p.release(cls('TLP:AMBER//PURPOSE sanctions'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(AMBER, 'customs-be', 'agr-1', 'sanctions'), DENY);
    assert.deepEqual(p.release(cls('TLP:AMBER//RESTRICTED'), 'customs-be', 'agr-1', 'aml'), ALLOW);
    assert.deepEqual(p.release(cls('TLP:AMBER//CONFIDENTIAL'), 'customs-be', 'agr-1', 'aml'), DENY);
    assert.deepEqual(p.release(cls('TLP:AMBER+STRICT'), 'customs-be', 'agr-1', 'aml'), DENY);
  });
});

// ---------------------------------------------------------------- properties

describe('Policy: properties', () => {
  const AGENCIES: Record<string, string> = { 'fiu-nl': 'NL', 'customs-be': 'BE', 'bank-de': 'DE', 'ngo-fr': 'FR' };
  const ids = Object.keys(AGENCIES);
  const wide = new Map(Object.entries(AGENCIES));
  const arbMarking: fc.Arbitrary<Marking> = fc.record({
    tlp: fc.constantFrom(...TLP_COLOURS),
    level: fc.constantFrom(...DEFAULT_LEVELS),
    relTo: fc.option(fc.shuffledSubarray<string>(['NL', 'BE', 'DE', 'FR', ...ids]), { nil: null, freq: 3 }),
    orcon: fc.shuffledSubarray(ids, { maxLength: 2 }),
    purposes: fc.option(fc.shuffledSubarray<string>(['aml', 'sanctions', 'customs'], { minLength: 1 }), { nil: null, freq: 3 }),
  });
  const arbAgreement = fc.record({
    parties: fc.shuffledSubarray(ids, { minLength: 2 }),
    approvals: fc.shuffledSubarray(ids),
    maxTlp: fc.constantFrom(...TLP_COLOURS),
    maxLevel: fc.constantFrom(...DEFAULT_LEVELS),
    purposes: fc.shuffledSubarray(['aml', 'sanctions', 'customs'], { minLength: 1 }),
    action: fc.constantFrom(null, 'mask', 'hash', 'drop'),
  });
  const arbViewer = fc.record({
    agency: fc.constantFrom(...ids),
    clearance: fc.constantFrom(...DEFAULT_LEVELS),
    purpose: fc.constantFrom('aml', 'sanctions', 'customs'),
  });
  const rankOf = (a: Access) => (!a.allow ? 3 : a.transform === null ? 0 : a.transform === 'hash' ? 1 : 2);

  it('property: reading a combined marking never gives more than reading any of its inputs', () => {
    fc.assert(
      fc.property(fc.array(arbMarking, { minLength: 1, maxLength: 4 }), fc.array(arbAgreement, { maxLength: 3 }), arbViewer, fc.constantFrom(...ids), (ms, as, v, holder) => {
        const agreements = as.map((a, i) =>
          agreement({
            id: `agr-${i}`,
            hashKey: `k-${i}`,
            parties: a.parties,
            approvals: a.approvals.map(approval),
            maxTlp: a.maxTlp,
            maxLevel: a.maxLevel,
            purposes: a.purposes,
            minimisation: a.action === null ? [] : [{ property: 'name', action: a.action }],
          }),
        );
        const p = new Policy({ ladder: LADDER, agencyCountry: wide, agreements, today: TODAY });
        const who = makeViewer({ id: 'u', username: 'u', agency_id: v.agency, roles: ['analyst'], clearance: v.clearance }, { country: AGENCIES[v.agency]! }, v.purpose, 'cli');
        const combined = combineMarkings(ms, LADDER, (a) => AGENCIES[a]);
        const c = p.read(who, cls(formatMarking(combined), { agency: holder }));
        for (const m of ms) assert.ok(rankOf(p.read(who, cls(formatMarking(m), { agency: holder }))) <= rankOf(c), formatMarking(m));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a non-holder is only ever allowed what releasability, clearance and purpose allow', () => {
    fc.assert(
      fc.property(arbMarking, arbViewer, fc.constantFrom(...ids), (m, v, holder) => {
        fc.pre(v.agency !== holder);
        const p = new Policy({ ladder: LADDER, agencyCountry: wide, agreements: [agreement({ parties: ids, approvals: ids.map(approval), purposes: ['aml', 'sanctions', 'customs'] })], today: TODAY });
        const who = makeViewer({ id: 'u', username: 'u', agency_id: v.agency, roles: ['analyst'], clearance: v.clearance }, { country: AGENCIES[v.agency]! }, v.purpose, 'cli');
        const access = p.read(who, cls(formatMarking(m), { agency: holder }));
        const may =
          (m.relTo === null || m.relTo.includes(v.agency) || m.relTo.includes(AGENCIES[v.agency]!)) &&
          DEFAULT_LEVELS.indexOf(m.level as (typeof DEFAULT_LEVELS)[number]) <= DEFAULT_LEVELS.indexOf(v.clearance) &&
          (m.purposes === null || m.purposes.includes(v.purpose));
        // with an agreement among everyone, approved by everyone, for every purpose, up to RED//SECRET: exactly that
        assert.equal(access.allow, may);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------- ReadScope

describe('ReadScope', () => {
  const row = (id: string, marking: string, over: Partial<StatementRow> = {}): StatementRow => ({
    id,
    entity_id: 'e-1',
    prop: 'name',
    value: 'Maria Ossetrova',
    schema: 'Person',
    prop_type: 'name',
    original: 'OSSETROVA, Maria',
    match: 'maria ossetrova',
    source_record: 'r-1',
    dataset: 'fiu_cases',
    agency: 'fiu-nl',
    marking,
    first_seen: '2025-01-01T00:00:00.000Z',
    last_seen: '2025-05-01T00:00:00.000Z',
    ...over,
  });
  const masking = agreement({ minimisation: [{ property: 'name', action: 'mask' }] });
  const scope = () => new ReadScope(BE, policy([masking]));

  it('see: null for a refused row, the row itself when clear, a minimised copy otherwise', () => {
    const s = scope();
    assert.equal(s.see(row('s1', 'TLP:RED//REL TO NONE')), null);
    assert.equal(s.see(row('s2', 'TLP:AMBER', { dataset: 'other' })), null);
    const clear = row('s3', 'TLP:GREEN');
    assert.equal(s.see(clear), clear);
    const amber = row('s4', 'TLP:AMBER');
    const seen = s.see(amber);
    assert.ok(seen);
    assert.deepEqual(seen, { ...amber, value: maskValue('Maria Ossetrova', 'name'), original: null, match: null });
    assert.equal(amber.value, 'Maria Ossetrova', 'the stored row is left alone');
    const other = row('s5', 'TLP:AMBER', { prop: 'nationality', value: 'ru', prop_type: 'country', original: 'Russia', match: null });
    assert.equal(s.see(other), other);
  });

  it('seeAll keeps only what may be seen', () => {
    const s = scope();
    const out = s.seeAll([row('a', 'TLP:CLEAR'), row('b', 'TLP:RED//REL TO NONE'), row('c', 'TLP:AMBER')]);
    assert.deepEqual(
      out.map((r) => [r.id, r.value === 'Maria Ossetrova']),
      [
        ['a', true],
        ['c', false],
      ],
    );
  });

  it('filter leaves out minimised and refused classes', () => {
    const s = scope();
    const open1 = cls('TLP:GREEN');
    const open2 = cls('TLP:AMBER', { prop: 'birthDate' });
    const masked = cls('TLP:AMBER');
    const refused = cls('TLP:AMBER', { dataset: 'other' });
    const refused2 = cls('TLP:RED//REL TO NONE', { prop: 'birthDate' });
    assert.deepEqual(s.filter([open1, masked, refused, open2, refused2]), {
      datasets: ['fiu_cases', 'fiu_cases'],
      agencies: ['fiu-nl', 'fiu-nl'],
      markings: ['TLP:GREEN', 'TLP:AMBER'],
      schemata: ['Person', 'Person'],
      props: ['name', 'birthDate'],
    });
    assert.deepEqual(s.filter([masked, refused]), { datasets: [], agencies: [], markings: [], schemata: [], props: [] });
    assert.equal(s.seesAll([open1, open2]), true);
    assert.equal(s.seesAll([open1, masked]), false);
    assert.equal(s.seesAny([refused, masked]), true);
    assert.equal(s.seesAny([refused, refused2]), false);
  });

  it('takeMarkedCount counts the non-CLEAR rows shown, then starts again', () => {
    const s = scope();
    s.seeAll([row('a', 'TLP:CLEAR'), row('b', 'TLP:GREEN'), row('c', 'TLP:AMBER'), row('d', 'TLP:RED//REL TO NONE'), row('e', 'TLP:CLEAR')]);
    assert.equal(s.takeMarkedCount(), 2);
    assert.equal(s.takeMarkedCount(), 0);
    s.see(row('f', 'TLP:RED//REL TO NONE'));
    assert.equal(s.takeMarkedCount(), 0);
    s.see(row('g', 'TLP:GREEN'));
    assert.equal(s.takeMarkedCount(), 1);
  });
});

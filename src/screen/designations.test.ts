import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatementRow } from '../store/statements.ts';
import { delisted, DesignationRegistry } from './designations.ts';

function row(entity_id: string, prop: string, value: string, dataset = 'list'): StatementRow {
  return { id: `${entity_id}.${prop}.${value}`, entity_id, prop, value, schema: 'Sanction', prop_type: prop === 'entity' ? 'entity' : 'string', original: null, match: null, source_record: null, dataset, agency: 'a', marking: 'TLP:CLEAR', first_seen: '', last_seen: '' };
}

describe('DesignationRegistry', () => {
  // Classes numbered by dataset and property: 'hidden' end dates belong to a dataset the viewer may not see.
  const classes = new Map<string, number>();
  const classOf = (r: StatementRow) => {
    const k = `${r.dataset}/${r.prop}`;
    if (!classes.has(k)) classes.set(k, classes.size);
    return classes.get(k)!;
  };
  const all = () => true;

  test('in force until the latest end date; lifted when every one has ended', () => {
    const reg = new DesignationRegistry();
    reg.upsert('s1', [row('s1', 'entity', 'e1'), row('s1', 'authority', 'OFAC'), row('s1', 'endDate', '2024-05-03')], classOf);
    reg.upsert('s2', [row('s2', 'entity', 'e1'), row('s2', 'authority', 'UN')], classOf);
    assert.deepEqual(reg.of('e1', all, '2026-11-24').map((s) => [s.id, s.inForce]), [['s2', true], ['s1', false]]);
    assert.equal(delisted(reg.of('e1', all, '2026-11-24')), false, 'one designation still in force');
    reg.remove('s2');
    assert.equal(delisted(reg.of('e1', all, '2026-11-24')), true);
    assert.equal(delisted(reg.of('e1', all, '2024-01-01')), false, 'judged on a day before the delisting');
    assert.deepEqual(reg.of('nobody', all, '2026-11-24'), []);
    assert.equal(delisted([]), false, 'never designated is not delisted');
  });

  test('what the viewer may not see does not count: a hidden Sanction is not shown, a hidden end date does not lift', () => {
    const reg = new DesignationRegistry();
    reg.upsert('s1', [row('s1', 'entity', 'e1'), row('s1', 'endDate', '2024-05-03', 'secret')], classOf);
    const noSecret = (cls: number) => cls !== classes.get('secret/endDate');
    assert.equal(reg.of('e1', noSecret, '2026-11-24')[0]!.inForce, true);
    assert.equal(reg.of('e1', all, '2026-11-24')[0]!.inForce, false);
    const noList = (cls: number) => cls !== classes.get('list/entity');
    assert.deepEqual(reg.of('e1', noList, '2026-11-24'), [], 'the naming statement hidden: refused');
  });

  test('replacing a Sanction moves it to what it names now', () => {
    const reg = new DesignationRegistry();
    reg.upsert('s1', [row('s1', 'entity', 'e1')], classOf);
    reg.upsert('s1', [row('s1', 'entity', 'e2')], classOf);
    assert.deepEqual(reg.of('e1', all, '2026-11-24'), []);
    assert.equal(reg.of('e2', all, '2026-11-24').length, 1);
  });
});

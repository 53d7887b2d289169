import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlKind } from './control.ts';

test('controlKind: natures of control from registry wording; directors, minority holders and nominees are not control', () => {
  assert.equal(controlKind('right-to-appoint-and-remove-directors'), 'board_majority');
  assert.equal(controlKind('Right to appoint a majority of the board'), 'board_majority');
  assert.equal(controlKind('voting-rights-75-to-100-percent'), 'voting_rights');
  assert.equal(controlKind('holds the majority of the voting rights by agreement'), 'voting_rights');
  assert.equal(controlKind('significant-influence-or-control'), 'dominant_influence');
  assert.equal(controlKind('Dominant influence'), 'dominant_influence');
  for (const text of ['director', 'shareholder', 'nominee shareholder', 'voting-rights-25-to-50-percent', 'registered owner', 'account holder', '']) assert.equal(controlKind(text), null, text);
});

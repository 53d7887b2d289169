import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastModifiedDay } from './download.ts';

describe('the day of a Last-Modified header', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('reads the HTTP date as a UTC day', () => {
    assert.equal(lastModifiedDay('Wed, 21 Jul 2021 23:59:59 GMT', now), '2021-07-21');
  });
  it('refuses a missing, unreadable or future date', () => {
    assert.equal(lastModifiedDay(null, now), null);
    assert.equal(lastModifiedDay('yesterday', now), null);
    assert.equal(lastModifiedDay('Fri, 01 Jan 2027 00:00:00 GMT', now), null);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanEmail, cleanPhone, cleanUrl } from './contact.ts';
import type { CheckResult } from './result.ts';

const value = (r: CheckResult): string | undefined => (r.ok ? r.value : undefined);

test('url: http, https and ftp; bare www gets http://', () => {
  assert.equal(value(cleanUrl('www.example.com')), 'http://www.example.com');
  assert.equal(value(cleanUrl('http://www.example.com')), 'http://www.example.com');
  assert.equal(value(cleanUrl('https://zala-aero.com/')), 'https://zala-aero.com/', 'as FtM data writes it');
  assert.equal(value(cleanUrl('HTTP://WWW.Example.com:80')), 'http://www.example.com');
  assert.equal(value(cleanUrl('HTTPS://Example.COM/Path?q=1#frag')), 'https://example.com/Path?q=1#frag');
  assert.equal(value(cleanUrl('ftp://ftp.example.org/pub/list.csv')), 'ftp://ftp.example.org/pub/list.csv');
  assert.equal(value(cleanUrl('http://www.90zavod.ru')), 'http://www.90zavod.ru');
  assert.equal(value(cleanUrl('https://пример.рф')), 'https://xn--e1afmkfd.xn--p1ai');
  for (const bad of ['', 'example.com', 'mailto:a@b.com', 'javascript:alert(1)', 'http://', 'http://localhost/x', 'http://exa mple.com', 'file:///etc/passwd', 'www']) {
    assert.equal(cleanUrl(bad).ok, false, bad);
  }
});

test('email: one @, a dotted domain, domain lower-cased', () => {
  assert.equal(value(cleanEmail('Info@Example.COM')), 'Info@example.com');
  assert.equal(value(cleanEmail(' mailto:office@90zavod.ru ')), 'office@90zavod.ru');
  for (const bad of ['', 'a@b', 'a@@b.com', 'a@b@c.com', '@example.com', 'a b@example.com', 'a@example..com', 'a@-x.com', 'info at example.com']) {
    assert.equal(cleanEmail(bad).ok, false, bad);
  }
});

test('phone: + and digits kept, match is digits only', () => {
  assert.deepEqual(cleanPhone('+7 (931) 540-36-78'), { ok: true, value: '+79315403678', match: '79315403678' });
  assert.deepEqual(cleanPhone('+79315403678'), { ok: true, value: '+79315403678', match: '79315403678' });
  assert.deepEqual(cleanPhone('495.123.4567'), { ok: true, value: '4951234567', match: '4951234567' });
  assert.deepEqual(cleanPhone('tel:+44 20 7946 0958'), { ok: true, value: '+442079460958', match: '442079460958' });
  for (const bad of ['', '1234', '+7 931 CALL NOW', '+7 931 540 36 78; +7 931 540 36 79', '1+234567', '1234567890123456']) {
    assert.equal(cleanPhone(bad).ok, false, bad);
  }
});

test('contact: never throw; idempotent', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.domain().map((d) => `www.${d}`),
    fc.emailAddress(),
    fc.stringMatching(/^\+?[\d ()\-.]{3,20}$/),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      for (const clean of [cleanUrl, cleanEmail, cleanPhone]) {
        const r = clean(s);
        if (r.ok) assert.deepEqual(clean(r.value), r, `${clean.name}(${JSON.stringify(s)})`);
      }
    }),
    { numRuns: 3000 },
  );
});

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A deterministic synthetic FtM file for load tests: companies, people,
 * ownerships between them and sanctions, in the proportions of a registry
 * extract. Not realistic data (the scenario generator is for that); only a
 * volume with every value type and references that resolve.
 */
export async function generateFtm(path: string, entities: number, seed = 7): Promise<void> {
  let state = seed >>> 0;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const countries = ['cy', 'ae', 'ru', 'tr', 'gb', 'de', 'hk', 'sg', 'pa', 'mt'];
  const words = ['Alpha', 'Nordic', 'Global', 'Trading', 'Marine', 'Energy', 'Holding', 'Pacific', 'Ural', 'Baltic', 'Star', 'Ocean'];
  const given = ['Ivan', 'Maria', 'Ahmed', 'Li', 'Olga', 'Hassan', 'Elena', 'Sergei', 'Fatima', 'Chen'];
  const family = ['Petrov', 'Ivanova', 'Karimi', 'Wang', 'Sokolov', 'Haddad', 'Novak', 'Kuznetsov', 'Rahman', 'Zhou'];
  const out = createWriteStream(path);
  const write = async (obj: unknown) => {
    if (!out.write(JSON.stringify(obj) + '\n')) await once(out, 'drain');
  };
  // Per block of 10: 5 companies, 3 people, 1 ownership, 1 sanction.
  for (let i = 0; i < entities; i++) {
    const block = Math.floor(i / 10);
    const slot = i % 10;
    if (slot < 5) {
      await write({
        id: `co-${block}-${slot}`,
        schema: 'Company',
        properties: {
          name: [`${pick(words)} ${pick(words)} ${block}-${slot} Ltd`],
          jurisdiction: [pick(countries)],
          incorporationDate: [`20${10 + Math.floor(rand() * 15)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`],
          registrationNumber: [`HE${100000 + block * 10 + slot}`],
        },
      });
    } else if (slot < 8) {
      await write({
        id: `pe-${block}-${slot}`,
        schema: 'Person',
        properties: {
          name: [`${pick(given)} ${pick(family)}`],
          birthDate: [`19${50 + Math.floor(rand() * 49)}`],
          nationality: [pick(countries)],
        },
      });
    } else if (slot === 8) {
      await write({
        id: `ow-${block}`,
        schema: 'Ownership',
        properties: { owner: [`pe-${block}-5`], asset: [`co-${block}-0`], percentage: [String(Math.floor(rand() * 100))] },
      });
    } else {
      await write({
        id: `sa-${block}`,
        schema: 'Sanction',
        properties: { entity: [`co-${block}-1`], authority: ['Bench Authority'], program: ['BENCH'], listingDate: ['2024-02-24'] },
      });
    }
  }
  out.end();
  await once(out, 'finish');
}

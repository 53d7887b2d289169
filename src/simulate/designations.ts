import { transliterationVariants } from './identities.ts';
import { DAY_MS } from './output.ts';
import type { Random } from './random.ts';
import type { World } from './world.ts';
import { addVessel } from './background.ts';

const PROGRAMS = ['RUSSIA-EO14024', 'UKRAINE-EO13662', 'IRAN', 'SDGT', 'NPWMD'];
const REASONS = [
  'Operating in the technology sector of the Russian Federation economy',
  'Operating in the marine sector of the Russian Federation economy',
  'Involved in the proliferation of weapons of mass destruction',
  'Acting for or on behalf of a designated person',
  'Transporting petroleum products of a designated government',
];

/**
 * The sanctions list's own background: designated people, companies and
 * tankers that take no part in the exercise's flows (as most listed parties
 * do not appear in a given bank's books). They are new cast, never owners of
 * background companies, so that no unplanted 50%-rule case arises by chance.
 * Lists give aliases: other transliterations of a name.
 */
export function designateBackground(world: World, r: Random, scale: number): void {
  const people = Math.max(10, Math.round(25 * scale));
  const companies = Math.max(6, Math.round(12 * scale));
  const vessels = Math.max(2, Math.round(3 * Math.sqrt(scale)));
  for (let i = 0; i < people; i++) {
    const p = world.addPerson({ culture: r.pick(['russian', 'russian', 'ukrainian', 'arabic_gulf', 'arabic_levant', 'persian', 'chinese', 'korean']), quiet: true });
    const aliases = transliterationVariants(p.name, p.culture ?? 'russian', r).filter((a) => a !== p.name).slice(0, 3);
    world.designate(p, r.pick(PROGRAMS), listing(world, r), r.pick(REASONS), aliases);
  }
  for (let i = 0; i < companies; i++) {
    const c = world.addCompany({ jurisdiction: r.pick(['ru', 'ru', 'ir', 'by', 'kp', 'sy', 'ae', 'hk', 'cn']), quiet: true });
    world.designate(c, r.pick(PROGRAMS), listing(world, r), r.pick(REASONS));
  }
  for (let i = 0; i < vessels; i++) {
    const v = addVessel(world, 'crude_tanker', { flag: r.pick(['pa', 'cm', 'ga', 'km', 'ir']) });
    v.owner.quiet = true;
    world.designate(v, 'RUSSIA-EO14024', listing(world, r), REASONS[4]!);
  }
}

function listing(world: World, r: Random): number {
  return world.startMs - r.int(30, 1500) * DAY_MS;
}

/**
 * Legal forms across languages, each mapped to one canonical form, so that a
 * legal form neither creates a match ("EMMA LLC" is not "Emma Daniels") nor
 * blocks one ("Rosneft OAO" is "ROSNEFT, PAO" as far as the name goes).
 * Keys are folded token sequences (see names.ts); longest sequences first.
 */
const FORMS: Record<string, string[]> = {
  llc: ['llc', 'l l c', 'limited liability company', 'ooo', 'tov', 'too', 'mchj', 'sro', 's r o', 'spolka z o o', 'sp z o o', 'kft', 'srl', 's r l', 'sarl', 's a r l', 'ltda', 'limitada', 'doo', 'd o o', 'eood', 'ood', 'tsk', 'llp'],
  ltd: ['ltd', 'limited', 'pty ltd', 'pte ltd', 'private limited', 'pvt ltd', 'pvt'],
  jsc: ['jsc', 'j s c', 'joint stock company', 'ao', 'oao', 'zao', 'pao', 'pjsc', 'ojsc', 'cjsc', 'ojsc', 'at', 'pat', 'prat', 'vat', 'zat', 'ad', 'aas', 'as', 'a s', 'sa', 's a', 'spa', 's p a', 'ag', 'nv', 'n v'],
  gmbh: ['gmbh', 'g m b h', 'gesellschaft mit beschrankter haftung', 'mbh', 'ug'],
  plc: ['plc', 'public limited company'],
  inc: ['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'cie', 'kg', 'ohg', 'gbr'],
  bv: ['bv', 'b v', 'bvba'],
  fze: ['fze', 'fzco', 'fzc', 'fz llc', 'fzllc', 'dmcc', 'free zone establishment', 'free zone company'],
  ab: ['ab', 'oy', 'oyj', 'aps', 'asa'],
  kk: ['kk', 'kabushiki kaisha', 'yugen kaisha', 'gk'],
  sdn_bhd: ['sdn bhd', 'bhd', 'berhad', 'sendirian berhad'],
  trust: ['trust'],
  foundation: ['foundation', 'stiftung', 'fondation', 'fundacion'],
};

/**
 * An abbreviation of three to five letters is also written with dots
 * ("F.Z.E.", "P.J.S.C."), which folds to single letters: "f z e". Two-letter
 * ones are left out: spelt out they are a person's initials as often as not.
 */
function withSpelledOut(form: string): string[] {
  return /^[a-z]{3,5}$/.test(form) ? [form, form.split('').join(' ')] : [form];
}

/**
 * Short forms that are also ordinary words or initials in people's names
 * ("AS", "AT", "AD", "CO", "SA"): recognised as legal forms only at the end of
 * an organisation's name, never in a person's name.
 */
export const AMBIGUOUS_FORMS = new Set(['as', 'at', 'ad', 'ag', 'co', 'sa', 'ab', 'oy', 'ug', 'kk', 'gk', 'too', 'ao', 'nv', 'bv', 'vat', 'pat', 'zat']);

/** Folded form (as token list) → canonical legal form, with whether it is ambiguous (AMBIGUOUS_FORMS). */
export const LEGAL_FORMS: ReadonlyArray<{ tokens: string[]; canonical: string; ambiguous: boolean }> = Object.entries(FORMS)
  .flatMap(([canonical, forms]) => [...new Set(forms.flatMap(withSpelledOut))].map((f) => ({ tokens: f.split(' '), canonical, ambiguous: AMBIGUOUS_FORMS.has(f) })))
  .sort((a, b) => b.tokens.length - a.tokens.length);

/** Every word a legal form starts with: a name none of whose words is one has no legal form (most names). */
export const LEGAL_FORM_FIRST_WORDS: ReadonlySet<string> = new Set(LEGAL_FORMS.map((f) => f.tokens[0]!));


/**
 * What in an ownership record amounts to control (EU and UK rules count it;
 * OFAC does not). FtM has no control schema: registries such as the UK PSC
 * register state the "nature of control" in the record's role or share type
 * ("right-to-appoint-and-remove-directors", "significant-influence-or-control",
 * "voting-rights-75-to-100-percent"). Being a director, a shareholder of a
 * minority, or a nominee is not control by itself.
 */

/** Control kinds, in the words of the EU's guidance (FAQ on Art. 2 of Reg. 269/2014, "control" criteria). */
export type ControlKind = 'board_majority' | 'voting_rights' | 'dominant_influence';

const PATTERNS: Array<[ControlKind, RegExp]> = [
  ['board_majority', /\b(?:right[\s-]+to[\s-]+appoint(?:[\s-]+and[\s-]+remove)?[\s-]+(?:a[\s-]+majority[\s-]+of[\s-]+)?(?:the[\s-]+)?(?:board|directors)|appoint(?:s|ing)?[\s-]+(?:or[\s-]+remove[s]?[\s-]+)?(?:a[\s-]+)?majority[\s-]+of[\s-]+(?:the[\s-]+)?(?:board|directors))/i],
  ['voting_rights', /\b(?:voting[\s-]+rights?[\s-]+(?:50|more[\s-]+than[\s-]+50|over[\s-]+50|75)[\s-]+(?:to[\s-]+(?:75|100)[\s-]+)?(?:percent|%)?|majority[\s-]+of[\s-]+(?:the[\s-]+)?voting[\s-]+rights)/i],
  ['dominant_influence', /\b(?:significant[\s-]+influence[\s-]+or[\s-]+control|dominant[\s-]+influence|de[\s-]+facto[\s-]+control|controlling[\s-]+(?:person|shareholder|party))\b/i],
];

/** The kind of control a record's role or share-type text states, or null. */
export function controlKind(text: string): ControlKind | null {
  for (const [kind, re] of PATTERNS) if (re.test(text)) return kind;
  return null;
}

/**
 * Deterministic declaration text for the benchmark: numbered preambular and operative clauses of
 * 30–60 words, and the short amendments a drafting session makes to earlier paragraphs.
 */

const OPENERS = [
  'Recognizing the importance of',
  'Reaffirming our shared commitment to',
  'Noting with concern the uneven progress in',
  'Welcoming the growing engagement of mayors and local governments in',
  'Acknowledging the contribution of civil society and academia to',
  'Emphasizing the need to strengthen',
  'Recalling the commitments made at previous meetings of the network on',
  'Encouraging member cities to deepen their cooperation on',
  'Calls upon national governments to support',
  'Resolves to establish a standing working group on',
  'Invites development partners to increase their financing for',
  'Decides to review, at its next annual meeting, the progress made in',
  'Urges all participating cities to share data and good practice on',
  'Commends the host city for its leadership in',
  'Requests the secretariat to prepare a concise report on',
];

const TOPICS = [
  'city-to-city cooperation in managing urban heat and extreme weather events',
  'safe, affordable and adequate housing for low-income and informal settlement residents',
  'integrated public transport that connects peripheral districts with centres of employment',
  'the protection of river basins, wetlands and coastal mangroves that sustain our cities',
  'inclusive digital public services that remain accessible to older persons and persons with disabilities',
  'the sound management of municipal solid waste and the transition towards a circular economy',
  'the preservation of cultural heritage, historic quarters and traditional crafts',
  'early-warning systems and shelters for communities exposed to floods and typhoons',
  'decent work and social protection for street vendors and other informal workers',
  'the participation of young people and women in local decision-making',
  'clean air, noise reduction and green public spaces within walking distance of every household',
  'transparent municipal budgeting and the fight against corruption in public procurement',
  'food security through urban agriculture and short supply chains with surrounding rural areas',
  'primary health care, clean water and sanitation in densely populated neighbourhoods',
  'the reception and integration of internal migrants arriving in our cities',
];

const ELABORATIONS = [
  'through the exchange of technical staff, joint training programmes and the regular publication of comparable indicators, so that smaller cities can benefit from the experience of larger ones',
  'in close consultation with residents, neighbourhood associations and the private sector, and with particular attention to those most at risk of being left behind',
  'building on the pilot projects presented at this meeting and ensuring that lessons learned are documented in both national and local languages',
  'while respecting the autonomy of local governments and the principle of subsidiarity enshrined in the founding charter of our network',
  'and to report on the measures taken, the resources committed and the obstacles encountered at the next regional meeting of mayors',
  'with a view to mobilizing predictable, long-term financing and reducing the administrative burden placed on municipal administrations',
  'taking into account the specific circumstances of coastal, mountain and small island cities, whose needs are often overlooked in regional strategies',
  'so that the benefits of growth are shared fairly across districts, generations and income groups, and that no community is displaced without consultation',
];

const AMENDMENTS = [
  'as appropriate',
  'in accordance with national legislation',
  'within available resources',
  'in cooperation with relevant regional organizations',
  'with the support of development partners',
  'on a voluntary basis',
  'in a transparent and accountable manner',
  'taking into account gender equality',
  'including through South–South cooperation',
  'with the full participation of affected communities',
  'at the earliest opportunity',
  'in line with the outcome of the drafting session',
];

/** Paragraph `n` (1-based); each combination differs, and the number makes it identifiable. */
export function paragraphText(n: number): string {
  const i = n - 1;
  const opener = OPENERS[i % OPENERS.length]!;
  const topic = TOPICS[(i * 7 + Math.floor(i / OPENERS.length)) % TOPICS.length]!;
  const elaboration = ELABORATIONS[(i * 5 + Math.floor(i / 3)) % ELABORATIONS.length]!;
  // Preambular clauses end with a comma, operative ones with a semicolon.
  const end = opener.split(' ')[0]!.endsWith('ing') ? ',' : ';';
  return `${n}. ${opener} ${topic}, ${elaboration}${end}`;
}

export function amendment(k: number): string {
  return AMENDMENTS[k % AMENDMENTS.length]!;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export { seededRandom } from '../support/random';

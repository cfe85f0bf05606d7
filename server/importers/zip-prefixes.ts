/**
 * Which state or territory a ZIP code's first three digits belong to (the USPS 3-digit ZIP
 * prefix ranges), so that a ZIP that lost a digit can be checked against its row's state
 * without the ZIP centroid file. A few prefixes serve two states (Fishers Island NY is in CT's
 * 063, Alta WY in ID's 834, American Samoa's 96799 in HI's 967, …); military and unassigned
 * prefixes belong to none. tests/import/clean-values.test.ts checks the table against every
 * Census ZCTA.
 */

/**
 * Range starts, in order: "prefix:states" where states are '/'-separated USPS codes, '-' for
 * none. A range runs to the next start.
 */
const RANGES =
  '000:- 005:NY 006:PR 008:VI 009:PR 010:MA 028:RI 030:NH 039:ME 050:VT 055:MA 056:VT 060:CT 063:CT/NY 064:CT ' +
  '070:NJ 090:- 100:NY 150:PA 197:DE 200:DC 201:VA 202:DC 206:MD 220:VA 247:WV 270:NC 290:SC 300:GA 320:FL 340:- ' +
  '341:FL 350:AL 370:TN 386:MS 398:GA 400:KY 428:- 430:OH 460:IN 480:MI 500:IA 530:WI 550:MN 568:- 569:DC 570:SD ' +
  '578:- 580:ND 584:ND/SD 585:ND 589:- 590:MT 600:IL 630:MO 659:- 660:KS 680:NE 694:- 700:LA 715:- 716:AR 730:OK ' +
  '733:TX 734:OK 750:TX 800:CO 817:- 820:WY 832:ID 834:ID/WY 835:ID 839:- 840:UT 848:- 850:AZ 866:- 870:NM 885:TX ' +
  '886:- 889:NV 899:- 900:CA 962:- 967:HI/AS 968:HI 969:GU/MP 970:OR 976:OR/CA 977:OR 980:WA 995:AK'

const NONE: readonly string[] = []
const BY_PREFIX: (readonly string[])[] = (() => {
  const table: (readonly string[])[] = new Array(1000).fill(NONE)
  const starts = RANGES.split(' ').map((entry) => {
    const [prefix, states] = entry.split(':') as [string, string]
    return { from: Number(prefix), states: states === '-' ? NONE : states.split('/') }
  })
  starts.forEach(({ from, states }, i) => {
    const to = starts[i + 1]?.from ?? 1000
    for (let p = from; p < to; p++) table[p] = states
  })
  return table
})()

/** The states a 5-digit ZIP's prefix serves: statesOfZip('21201') → ['MD']; [] for military or unassigned. */
export function statesOfZip(zip: string): readonly string[] {
  return /^\d{5}$/.test(zip) ? (BY_PREFIX[Number(zip.slice(0, 3))] ?? NONE) : NONE
}

/** True when the ZIP's prefix serves the state or territory (a USPS code). */
export function zipInRegion(zip: string, region: string): boolean {
  return statesOfZip(zip).includes(region)
}

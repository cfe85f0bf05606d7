/**
 * How fresh a listing's verification is, for people: an age class from the date a site was
 * last confirmed ("assured_date") and today, and the words the map page and /lite show
 * ("Verified Oct 1, 2026 · ✓ Recent", "Never verified"). Pure: no DOM, no Node APIs.
 *
 *   verificationAge('2026-10-01', '2026-12-02')   // 'fresh'
 *   verificationAge('2025-12-02', '2026-12-02')   // 'aging' (exactly 12 months)
 *   verificationAge(null, '2026-12-02')           // 'never'
 */
import { dateText, localDate, type PageLang } from './format.js'

/** `fresh` under 6 months, `aging` 6 to 12 months (both ends), `stale` over 12, `never` without a date. */
export type VerificationAge = 'fresh' | 'aging' | 'stale' | 'never'

export const VERIFICATION_AGES: readonly VerificationAge[] = ['fresh', 'aging', 'stale', 'never']

/**
 * The "verified within" choices the page and /lite offer, in days: 180 stays inside "Recent"
 * (under 6 months) and 365 inside "6–12 months", so every result they keep is labelled so.
 */
export const VERIFIED_WITHIN_CHOICES = [180, 365] as const

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD', or null (each distinct text worked out once: a directory has a few thousand). */
function dayNumber(date: string): number | null {
  let day = dayNumbers.get(date)
  if (day === undefined) {
    day = parseDay(date)
    if (dayNumbers.size >= 20_000) dayNumbers.clear()
    dayNumbers.set(date, day)
  }
  return day
}
const dayNumbers = new Map<string, number | null>()

function parseDay(date: string): number | null {
  const m = DATE.exec(date)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return ms / 86_400_000
}

/** The day `months` calendar months before `date`, clamped to the month's end (Aug 31 − 6 → Feb 28). */
function monthsBefore(date: string, months: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const target = y * 12 + (m - 1) - months
  const ty = Math.floor(target / 12)
  const tm = target - ty * 12
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate()
  return Date.UTC(ty, tm, Math.min(d, lastDay)) / 86_400_000
}

/**
 * The age class of a verification date on `today` (both 'YYYY-MM-DD'). A date that is not a
 * real calendar date counts as `never`; a date after today (a clock or timezone a day ahead)
 * counts as `fresh`. Throws a RangeError when `today` itself is not a date: that is a bug.
 */
export function verificationAge(assuredDate: string | null | undefined, today: string): VerificationAge {
  return verificationAger(today)(assuredDate)
}

/**
 * verificationAge for many dates on one `today`: the month cut-offs are worked out once (a
 * search answer ages 20 sites on a handful of dates). Example: verificationAger('2026-11-24')('2026-06-01') → 'fresh'.
 */
export function verificationAger(today: string): (assuredDate: string | null | undefined) => VerificationAge {
  let ager = agers.get(today)
  if (ager === undefined) {
    if (dayNumber(today) === null) throw new RangeError(`today must be a YYYY-MM-DD date, not "${today}"`)
    const fresh = monthsBefore(today, 6)
    const aging = monthsBefore(today, 12)
    ager = (assuredDate) => {
      const assured = typeof assuredDate === 'string' ? dayNumber(assuredDate) : null
      if (assured === null) return 'never'
      return assured > fresh ? 'fresh' : assured >= aging ? 'aging' : 'stale'
    }
    // A few "today"s are in use at once (one per calendar date across the timezones served).
    if (agers.size >= 100) agers.clear()
    agers.set(today, ager)
  }
  return ager
}
const agers = new Map<string, (assuredDate: string | null | undefined) => VerificationAge>()

/**
 * Today's date where the site is ('YYYY-MM-DD'), so "Verified today" and the age class agree
 * with the site's own calendar; the device's (or server's) date when the timezone is unknown.
 */
export function siteToday(now: Date, timezone: string): string {
  try {
    return localDate(now, timezone)
  } catch {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  }
}

const WORDS = {
  en: {
    verifiedOn: (date: string) => `Verified ${date}`,
    verifiedToday: 'Verified today',
    ages: {
      fresh: 'Recent',
      aging: '6–12 months ago',
      stale: 'Over a year ago: may be out of date',
      never: 'Never verified',
    },
  },
  es: {
    verifiedOn: (date: string) => `Verificado el ${date}`,
    verifiedToday: 'Verificado hoy',
    ages: {
      fresh: 'Reciente',
      aging: 'Hace 6 a 12 meses',
      stale: 'Hace más de un año: puede estar desactualizado',
      never: 'Nunca verificado',
    },
  },
  'zh-Hans': {
    verifiedOn: (date: string) => `核实于 ${date}`,
    verifiedToday: '今天已核实',
    ages: { fresh: '最近', aging: '6–12 个月前', stale: '一年多以前：可能已过时', never: '从未核实' },
  },
  vi: {
    verifiedOn: (date: string) => `Đã xác minh ngày ${date}`,
    verifiedToday: 'Đã xác minh hôm nay',
    ages: { fresh: 'Gần đây', aging: '6–12 tháng trước', stale: 'Hơn một năm trước: có thể đã cũ', never: 'Chưa từng xác minh' },
  },
  ko: {
    verifiedOn: (date: string) => `${date} 확인됨`,
    verifiedToday: '오늘 확인됨',
    ages: { fresh: '최근', aging: '6–12개월 전', stale: '1년 이상 전: 오래된 정보일 수 있음', never: '확인된 적 없음' },
  },
  tl: {
    verifiedOn: (date: string) => `Na-verify noong ${date}`,
    verifiedToday: 'Na-verify ngayong araw',
    ages: { fresh: 'Kamakailan', aging: '6–12 buwan na ang nakalipas', stale: 'Mahigit isang taon na: maaaring luma na', never: 'Hindi pa na-verify' },
  },
  ru: {
    verifiedOn: (date: string) => `Проверено ${date}`,
    verifiedToday: 'Проверено сегодня',
    ages: { fresh: 'Недавно', aging: '6–12 месяцев назад', stale: 'Больше года назад: может быть устаревшим', never: 'Не проверялось' },
  },
  ar: {
    verifiedOn: (date: string) => `تم التحقق في ${date}`,
    verifiedToday: 'تم التحقق اليوم',
    ages: { fresh: 'حديث', aging: 'منذ 6–12 شهرًا', stale: 'منذ أكثر من سنة: قد تكون المعلومات قديمة', never: 'لم يتم التحقق أبدًا' },
  },
} as const

/** A symbol per age class, so the badge differs in shape as well as colour and words. */
export const AGE_ICONS: Record<VerificationAge, string> = { fresh: '✓', aging: '○', stale: '!', never: '?' }

export interface VerificationLine {
  age: VerificationAge
  /** "Verified Oct 1, 2026" / "Verified today"; null when never verified (the badge says so). */
  verified: string | null
  /** The age class in words: "Recent", "Never verified". */
  label: string
  icon: string
}

/** What to show about a listing's verification, in `lang`. */
export function verificationLine(assuredDate: string | null | undefined, today: string, lang: PageLang): VerificationLine {
  const age = verificationAge(assuredDate, today)
  const w = WORDS[lang]
  const verified = age === 'never' ? null : assuredDate === today ? w.verifiedToday : w.verifiedOn(dateText(assuredDate as string, lang))
  return { age, verified, label: w.ages[age], icon: AGE_ICONS[age] }
}

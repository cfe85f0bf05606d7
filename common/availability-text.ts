/**
 * Availability reports in words, for the map page and /lite: the week's counts as people gave
 * them (always said to be unconfirmed) and the three things a person can say about a site.
 *
 *   availabilitySummary(reports, 'en')
 *   // { said: 'In the last 7 days, people said (unconfirmed):',
 *   //   parts: ['got naloxone 3 times', 'were out once', 'found it closed 2 times'] }
 */
import type { AvailabilityKind, AvailabilityReports, AvailabilitySupply } from './contract/availability.js'
import { plural, type PageLang } from './format.js'

const WORDS = {
  en: {
    said: (days: number) => `In the last ${days} days, people said (unconfirmed):`,
    supplies: { naloxone: 'naloxone', test_strips: 'test strips', syringes: 'syringes' },
    times: (n: number) => plural(n, 'en', { one: 'once', other: `${n} times` }),
    got_supplies: (supply: string | null) => (supply ? `got ${supply}` : 'got supplies'),
    out_of_supplies: (supply: string | null) => (supply ? `were out of ${supply}` : 'were out'),
    closed: () => 'found it closed',
    say: {
      got_supplies: (supply: string | null) => (supply ? `I got ${supply} here today` : 'I got supplies here today'),
      out_of_supplies: (supply: string | null) => (supply ? `They were out of ${supply}` : 'They were out'),
      closed: () => 'They were closed when I came',
    },
  },
  es: {
    said: (days: number) => `En los últimos ${days} días, la gente dijo (sin confirmar):`,
    supplies: { naloxone: 'naloxona', test_strips: 'tiras de prueba', syringes: 'jeringas' },
    times: (n: number) => plural(n, 'es', { one: '1 vez', other: `${n} veces` }),
    got_supplies: (supply: string | null) => (supply ? `consiguió ${supply}` : 'consiguió suministros'),
    out_of_supplies: (supply: string | null) => (supply ? `no tenían ${supply}` : 'no tenían'),
    closed: () => 'lo encontró cerrado',
    say: {
      got_supplies: (supply: string | null) => (supply ? `Hoy conseguí ${supply} aquí` : 'Hoy conseguí suministros aquí'),
      out_of_supplies: (supply: string | null) => (supply ? `No tenían ${supply}` : 'No tenían lo que necesitaba'),
      closed: () => 'Estaba cerrado cuando llegué',
    },
  },
  'zh-Hans': {
    said: (days: number) => `过去 ${days} 天内，有人反映（未经确认）：`,
    supplies: { naloxone: '纳洛酮', test_strips: '检测试纸', syringes: '注射器' },
    times: (n: number) => `${n} 次`,
    got_supplies: (supply: string | null) => (supply ? `领到了${supply}` : '领到了物资'),
    out_of_supplies: (supply: string | null) => (supply ? `${supply}已用完` : '物资已用完'),
    closed: () => '发现已关门',
    say: {
      got_supplies: (supply: string | null) => (supply ? `我今天在这里领到了${supply}` : '我今天在这里领到了物资'),
      out_of_supplies: (supply: string | null) => (supply ? `他们的${supply}已用完` : '他们的物资已用完'),
      closed: () => '我来的时候他们关门了',
    },
  },
  vi: {
    said: (days: number) => `Trong ${days} ngày qua, mọi người cho biết (chưa xác nhận):`,
    supplies: { naloxone: 'naloxone', test_strips: 'que thử', syringes: 'bơm kim tiêm' },
    times: (n: number) => `${n} lần`,
    got_supplies: (supply: string | null) => (supply ? `đã nhận được ${supply}` : 'đã nhận được vật tư'),
    out_of_supplies: (supply: string | null) => (supply ? `đã hết ${supply}` : 'đã hết hàng'),
    closed: () => 'thấy nơi này đóng cửa',
    say: {
      got_supplies: (supply: string | null) => (supply ? `Hôm nay tôi đã nhận được ${supply} ở đây` : 'Hôm nay tôi đã nhận được vật tư ở đây'),
      out_of_supplies: (supply: string | null) => (supply ? `Họ đã hết ${supply}` : 'Họ đã hết hàng'),
      closed: () => 'Họ đóng cửa khi tôi đến',
    },
  },
  ko: {
    said: (days: number) => `지난 ${days}일 동안 사람들이 알려 준 내용(확인되지 않음):`,
    supplies: { naloxone: '날록손', test_strips: '검사 스트립', syringes: '주사기' },
    times: (n: number) => `${n}회`,
    got_supplies: (supply: string | null) => (supply ? `${supply} 받음` : '물품 받음'),
    out_of_supplies: (supply: string | null) => (supply ? `${supply} 없음` : '물품 없음'),
    closed: () => '문이 닫혀 있었음',
    say: {
      got_supplies: (supply: string | null) => (supply ? `오늘 여기서 ${supply}을(를) 받았어요` : '오늘 여기서 물품을 받았어요'),
      out_of_supplies: (supply: string | null) => (supply ? `${supply}이(가) 다 떨어졌어요` : '물품이 다 떨어졌어요'),
      closed: () => '제가 갔을 때 문이 닫혀 있었어요',
    },
  },
  tl: {
    said: (days: number) => `Sa nakaraang ${days} araw, sinabi ng mga tao (hindi pa kumpirmado):`,
    supplies: { naloxone: 'naloxone', test_strips: 'test strip', syringes: 'hiringgilya' },
    times: (n: number) => plural(n, 'tl', { one: 'isang beses', other: `${n} beses` }),
    got_supplies: (supply: string | null) => (supply ? `nakakuha ng ${supply}` : 'nakakuha ng supply'),
    out_of_supplies: (supply: string | null) => (supply ? `naubusan ng ${supply}` : 'naubusan'),
    closed: () => 'nadatnang sarado',
    say: {
      got_supplies: (supply: string | null) => (supply ? `Nakakuha ako ng ${supply} dito ngayon` : 'Nakakuha ako ng supply dito ngayon'),
      out_of_supplies: (supply: string | null) => (supply ? `Naubusan sila ng ${supply}` : 'Naubusan sila'),
      closed: () => 'Sarado sila nang dumating ako',
    },
  },
  ru: {
    said: (days: number) =>
      `За последние ${plural(days, 'ru', { one: `${days} день`, few: `${days} дня`, many: `${days} дней`, other: `${days} дня` })} люди сообщили (не подтверждено):`,
    supplies: { naloxone: 'налоксон', test_strips: 'тест-полоски', syringes: 'шприцы' },
    times: (n: number) => plural(n, 'ru', { one: `${n} раз`, few: `${n} раза`, many: `${n} раз`, other: `${n} раза` }),
    got_supplies: (supply: string | null) => (supply ? `получили ${supply}` : 'получили материалы'),
    out_of_supplies: (supply: string | null) => (supply ? `не было: ${supply}` : 'ничего не было'),
    closed: () => 'застали закрытым',
    say: {
      got_supplies: (supply: string | null) => (supply ? `Я получил(а) здесь сегодня: ${supply}` : 'Я получил(а) здесь материалы сегодня'),
      out_of_supplies: (supply: string | null) => (supply ? `У них закончилось: ${supply}` : 'У них всё закончилось'),
      closed: () => 'Когда я пришёл (пришла), было закрыто',
    },
  },
  ar: {
    said: (days: number) => `خلال آخر ${days} أيام، قال الناس (غير مؤكد):`,
    supplies: { naloxone: 'النالوكسون', test_strips: 'شرائط الاختبار', syringes: 'الحقن' },
    times: (n: number) => plural(n, 'ar', { zero: '0 مرة', one: 'مرة واحدة', two: 'مرتين', few: `${n} مرات`, many: `${n} مرة`, other: `${n} مرة` }),
    got_supplies: (supply: string | null) => (supply ? `حصلوا على ${supply}` : 'حصلوا على المستلزمات'),
    out_of_supplies: (supply: string | null) => (supply ? `نفد ${supply}` : 'نفدت المستلزمات'),
    closed: () => 'وجدوه مغلقًا',
    say: {
      got_supplies: (supply: string | null) => (supply ? `حصلت على ${supply} هنا اليوم` : 'حصلت على المستلزمات هنا اليوم'),
      out_of_supplies: (supply: string | null) => (supply ? `نفد ${supply} لديهم` : 'نفدت المستلزمات لديهم'),
      closed: () => 'كانوا مغلقين عندما جئت',
    },
  },
} as const

/** The week's counts as a lead-in and one phrase per kind and supply; null when nobody reported anything. */
export function availabilitySummary(reports: AvailabilityReports, lang: PageLang): { said: string; parts: string[] } | null {
  if (!reports.total) return null
  const w = WORDS[lang]
  const parts = reports.counts.map((c) => `${w[c.kind](c.supply ? w.supplies[c.supply] : null)} ${w.times(c.count)}`)
  return { said: w.said(reports.window_days), parts }
}

/**
 * The supply a site's buttons name: the first of naloxone, test strips and syringes it lists
 * among its services, or none (the buttons then say "supplies").
 */
export function supplyOf(services: readonly string[]): AvailabilitySupply | null {
  if (services.includes('naloxone')) return 'naloxone'
  if (services.includes('fentanyl_test_strips')) return 'test_strips'
  if (services.includes('syringe_services')) return 'syringes'
  return null
}

/** The three things a person can say about a site, with the supply the site's services suggest. */
export function availabilityChoices(
  services: readonly string[],
  lang: PageLang,
): { kind: AvailabilityKind; supply: AvailabilitySupply | null; label: string }[] {
  const w = WORDS[lang]
  const supply = supplyOf(services)
  const name = supply ? w.supplies[supply] : null
  return [
    { kind: 'got_supplies', supply, label: w.say.got_supplies(name) },
    { kind: 'out_of_supplies', supply, label: w.say.out_of_supplies(name) },
    { kind: 'closed', supply: null, label: w.say.closed() },
  ]
}

/**
 * Live status in words, for the map page, /lite, the provider page and the route planner:
 * "Naloxone in stock · updated 2 hours ago". Each line has a tone so a page can mark the bad
 * news (out, not running, no beds) without relying on colour alone: the words say it.
 */
import type { LiveStatusItem } from './contract/live-status.js'
import { clockText, localeOf, plural, type PageLang } from './format.js'

export type LiveTone = 'good' | 'warn' | 'bad'

export interface LiveLine {
  topic: LiveStatusItem['topic']
  text: string
  /** "updated 2 hours ago". */
  age: string
  tone: LiveTone
  /** "from the site" or "from a curator". */
  by: string
}

const SUPPLY_WORDS = {
  en: {
    naloxone: { in_stock: 'Naloxone in stock', low: 'Naloxone running low', out: 'Naloxone out' },
    test_strips: { in_stock: 'Fentanyl test strips in stock', low: 'Fentanyl test strips running low', out: 'Fentanyl test strips out' },
    syringes: { in_stock: 'Syringes in stock', low: 'Syringes running low', out: 'Syringes out' },
  },
  es: {
    naloxone: { in_stock: 'Naloxona disponible', low: 'Queda poca naloxona', out: 'Sin naloxona' },
    test_strips: {
      in_stock: 'Tiras de prueba de fentanilo disponibles',
      low: 'Quedan pocas tiras de prueba de fentanilo',
      out: 'Sin tiras de prueba de fentanilo',
    },
    syringes: { in_stock: 'Jeringas disponibles', low: 'Quedan pocas jeringas', out: 'Sin jeringas' },
  },
  'zh-Hans': {
    naloxone: { in_stock: '纳洛酮有货', low: '纳洛酮库存不多', out: '纳洛酮已用完' },
    test_strips: { in_stock: '芬太尼检测试纸有货', low: '芬太尼检测试纸库存不多', out: '芬太尼检测试纸已用完' },
    syringes: { in_stock: '注射器有货', low: '注射器库存不多', out: '注射器已用完' },
  },
  vi: {
    naloxone: { in_stock: 'Còn naloxone', low: 'Sắp hết naloxone', out: 'Hết naloxone' },
    test_strips: { in_stock: 'Còn que thử fentanyl', low: 'Sắp hết que thử fentanyl', out: 'Hết que thử fentanyl' },
    syringes: { in_stock: 'Còn bơm kim tiêm', low: 'Sắp hết bơm kim tiêm', out: 'Hết bơm kim tiêm' },
  },
  ko: {
    naloxone: { in_stock: '날록손 재고 있음', low: '날록손 재고 부족', out: '날록손 없음' },
    test_strips: { in_stock: '펜타닐 검사 스트립 재고 있음', low: '펜타닐 검사 스트립 재고 부족', out: '펜타닐 검사 스트립 없음' },
    syringes: { in_stock: '주사기 재고 있음', low: '주사기 재고 부족', out: '주사기 없음' },
  },
  tl: {
    naloxone: { in_stock: 'May naloxone', low: 'Paubos na ang naloxone', out: 'Ubos na ang naloxone' },
    test_strips: { in_stock: 'May fentanyl test strip', low: 'Paubos na ang fentanyl test strip', out: 'Ubos na ang fentanyl test strip' },
    syringes: { in_stock: 'May hiringgilya', low: 'Paubos na ang hiringgilya', out: 'Ubos na ang hiringgilya' },
  },
  ru: {
    naloxone: { in_stock: 'Налоксон в наличии', low: 'Налоксон заканчивается', out: 'Налоксона нет' },
    test_strips: { in_stock: 'Тест-полоски на фентанил в наличии', low: 'Тест-полоски на фентанил заканчиваются', out: 'Тест-полосок на фентанил нет' },
    syringes: { in_stock: 'Шприцы в наличии', low: 'Шприцы заканчиваются', out: 'Шприцев нет' },
  },
  ar: {
    naloxone: { in_stock: 'النالوكسون متوفر', low: 'النالوكسون على وشك النفاد', out: 'نفد النالوكسون' },
    test_strips: { in_stock: 'شرائط اختبار الفنتانيل متوفرة', low: 'شرائط اختبار الفنتانيل على وشك النفاد', out: 'نفدت شرائط اختبار الفنتانيل' },
    syringes: { in_stock: 'الحقن متوفرة', low: 'الحقن على وشك النفاد', out: 'نفدت الحقن' },
  },
} as const

const WORDS = {
  en: {
    not_running: 'Not running today',
    closing_early: (time: string) => `Closing early today, at ${time}`,
    open_late: (time: string) => `Open late today, until ${time}`,
    intake: { yes: 'Taking new patients', waitlist: 'Waitlist for new patients', no: 'Not taking new patients' },
    sameDay: { yes: 'Same-day buprenorphine start', no: 'No same-day buprenorphine start' },
    beds: (n: number) => (n === 0 ? 'No open beds' : plural(n, 'en', { one: '1 open bed', other: `${n} open beds` })),
    updated: (ago: string) => `updated ${ago}`,
    justNow: 'just now',
    bySite: 'from the site',
    byCurator: 'from a curator',
    heading: 'Today and supplies',
  },
  es: {
    not_running: 'No abre hoy',
    closing_early: (time: string) => `Cierra temprano hoy, a las ${time}`,
    open_late: (time: string) => `Abre hasta tarde hoy, hasta las ${time}`,
    intake: { yes: 'Acepta pacientes nuevos', waitlist: 'Lista de espera para pacientes nuevos', no: 'No acepta pacientes nuevos' },
    sameDay: { yes: 'Inicio de buprenorfina el mismo día', no: 'Sin inicio de buprenorfina el mismo día' },
    beds: (n: number) => (n === 0 ? 'No hay camas disponibles' : plural(n, 'es', { one: '1 cama disponible', other: `${n} camas disponibles` })),
    updated: (ago: string) => `actualizado ${ago}`,
    justNow: 'ahora mismo',
    bySite: 'del sitio',
    byCurator: 'de un curador',
    heading: 'Hoy y suministros',
  },
  'zh-Hans': {
    not_running: '今天不开放',
    closing_early: (time: string) => `今天提前关闭，${time} 关门`,
    open_late: (time: string) => `今天延长营业，到 ${time}`,
    intake: { yes: '接收新患者', waitlist: '新患者需排队等候', no: '不接收新患者' },
    sameDay: { yes: '可当天开始丁丙诺啡治疗', no: '不能当天开始丁丙诺啡治疗' },
    beds: (n: number) => (n === 0 ? '没有空床位' : `${n} 张空床位`),
    updated: (ago: string) => `更新于${ago}`,
    justNow: '刚刚',
    bySite: '来自该机构',
    byCurator: '来自目录维护者',
    heading: '今日情况和物资',
  },
  vi: {
    not_running: 'Hôm nay không hoạt động',
    closing_early: (time: string) => `Hôm nay đóng cửa sớm, lúc ${time}`,
    open_late: (time: string) => `Hôm nay mở cửa muộn, đến ${time}`,
    intake: { yes: 'Đang nhận bệnh nhân mới', waitlist: 'Danh sách chờ cho bệnh nhân mới', no: 'Không nhận bệnh nhân mới' },
    sameDay: { yes: 'Bắt đầu buprenorphine trong ngày', no: 'Không bắt đầu buprenorphine trong ngày' },
    beds: (n: number) => (n === 0 ? 'Không còn giường trống' : `${n} giường trống`),
    updated: (ago: string) => `cập nhật ${ago}`,
    justNow: 'vừa xong',
    bySite: 'từ cơ sở',
    byCurator: 'từ người quản lý danh mục',
    heading: 'Hôm nay và vật tư',
  },
  ko: {
    not_running: '오늘 운영 안 함',
    closing_early: (time: string) => `오늘 일찍 종료, ${time}`,
    open_late: (time: string) => `오늘 늦게까지 운영, ${time}까지`,
    intake: { yes: '신규 환자 받음', waitlist: '신규 환자 대기자 명단', no: '신규 환자 받지 않음' },
    sameDay: { yes: '당일 부프레노르핀 시작 가능', no: '당일 부프레노르핀 시작 불가' },
    beds: (n: number) => (n === 0 ? '빈 병상 없음' : `빈 병상 ${n}개`),
    updated: (ago: string) => `${ago} 업데이트됨`,
    justNow: '방금',
    bySite: '기관 제공',
    byCurator: '관리자 제공',
    heading: '오늘 현황 및 물품',
  },
  tl: {
    not_running: 'Walang serbisyo ngayong araw',
    closing_early: (time: string) => `Maagang magsasara ngayong araw, nang ${time}`,
    open_late: (time: string) => `Bukas nang gabi ngayong araw, hanggang ${time}`,
    intake: { yes: 'Tumatanggap ng bagong pasyente', waitlist: 'May waitlist para sa bagong pasyente', no: 'Hindi tumatanggap ng bagong pasyente' },
    sameDay: { yes: 'Pagsisimula ng buprenorphine sa parehong araw', no: 'Walang pagsisimula ng buprenorphine sa parehong araw' },
    beds: (n: number) => (n === 0 ? 'Walang bakanteng kama' : plural(n, 'tl', { one: '1 bakanteng kama', other: `${n} bakanteng kama` })),
    updated: (ago: string) => `na-update ${ago}`,
    justNow: 'ngayon lang',
    bySite: 'mula sa lugar',
    byCurator: 'mula sa tagapangasiwa',
    heading: 'Ngayong araw at mga supply',
  },
  ru: {
    not_running: 'Сегодня не работает',
    closing_early: (time: string) => `Сегодня закрывается раньше, в ${time}`,
    open_late: (time: string) => `Сегодня работает дольше, до ${time}`,
    intake: { yes: 'Принимает новых пациентов', waitlist: 'Лист ожидания для новых пациентов', no: 'Не принимает новых пациентов' },
    sameDay: { yes: 'Начало бупренорфина в тот же день', no: 'Нет начала бупренорфина в тот же день' },
    beds: (n: number) =>
      n === 0
        ? 'Свободных мест нет'
        : plural(n, 'ru', { one: `${n} свободное место`, few: `${n} свободных места`, many: `${n} свободных мест`, other: `${n} свободного места` }),
    updated: (ago: string) => `обновлено ${ago}`,
    justNow: 'только что',
    bySite: 'от организации',
    byCurator: 'от редактора',
    heading: 'Сегодня и наличие',
  },
  ar: {
    not_running: 'لا يعمل اليوم',
    closing_early: (time: string) => `يُغلق مبكرًا اليوم، الساعة ${time}`,
    open_late: (time: string) => `مفتوح لوقت متأخر اليوم، حتى ${time}`,
    intake: { yes: 'يستقبل مرضى جددًا', waitlist: 'قائمة انتظار للمرضى الجدد', no: 'لا يستقبل مرضى جددًا' },
    sameDay: { yes: 'بدء البوبرينورفين في اليوم نفسه', no: 'لا يوجد بدء للبوبرينورفين في اليوم نفسه' },
    beds: (n: number) =>
      n === 0
        ? 'لا توجد أسرّة متاحة'
        : plural(n, 'ar', { one: 'سرير واحد متاح', two: 'سريران متاحان', few: `${n} أسرّة متاحة`, many: `${n} سريرًا متاحًا`, other: `${n} سرير متاح` }),
    updated: (ago: string) => `تم التحديث ${ago}`,
    justNow: 'الآن',
    bySite: 'من الموقع',
    byCurator: 'من أحد القائمين على الدليل',
    heading: 'اليوم والمستلزمات',
  },
} as const

/** The heading over a site's live status. */
export const liveHeading = (lang: PageLang) => WORDS[lang].heading

const relative = new Map<PageLang, Intl.RelativeTimeFormat>()

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago" (es: "hace 2 horas"). */
export function agoText(postedAt: string, now: Date, lang: PageLang): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(postedAt)) / 1000)
  if (seconds < 60) return WORDS[lang].justNow
  let format = relative.get(lang)
  if (!format) {
    format = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'always' })
    relative.set(lang, format)
  }
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute')
  if (seconds < 86400) return format.format(-Math.floor(seconds / 3600), 'hour')
  return format.format(-Math.floor(seconds / 86400), 'day')
}

function statusText(item: LiveStatusItem, lang: PageLang): { text: string; tone: LiveTone } | null {
  const w = WORDS[lang]
  switch (item.topic) {
    case 'today':
      if (item.value === 'not_running') return { text: w.not_running, tone: 'bad' }
      if (item.value === 'closing_early' && item.time) return { text: w.closing_early(clockText(item.time, lang)), tone: 'warn' }
      if (item.value === 'open_late' && item.time) return { text: w.open_late(clockText(item.time, lang)), tone: 'good' }
      return null
    case 'naloxone':
    case 'test_strips':
    case 'syringes': {
      const level = item.value as 'in_stock' | 'low' | 'out'
      const text = SUPPLY_WORDS[lang][item.topic][level]
      return text ? { text, tone: level === 'in_stock' ? 'good' : level === 'low' ? 'warn' : 'bad' } : null
    }
    case 'accepting_new_patients': {
      const answer = item.value as 'yes' | 'waitlist' | 'no'
      const text = w.intake[answer]
      return text ? { text, tone: answer === 'yes' ? 'good' : answer === 'waitlist' ? 'warn' : 'bad' } : null
    }
    case 'same_day_start':
      return { text: item.value === true ? w.sameDay.yes : w.sameDay.no, tone: item.value === true ? 'good' : 'warn' }
    case 'beds_available': {
      const n = Number(item.value)
      return Number.isInteger(n) ? { text: w.beds(n), tone: n > 0 ? 'good' : 'bad' } : null
    }
  }
  return null
}

/** The lines to show, in the API's order, leaving out what has expired by `now`. */
export function liveLines(items: readonly LiveStatusItem[] | undefined, now: Date, lang: PageLang): LiveLine[] {
  const lines: LiveLine[] = []
  for (const item of items ?? []) {
    if (Date.parse(item.expires_at) <= now.getTime()) continue
    const said = statusText(item, lang)
    if (!said) continue
    lines.push({
      topic: item.topic,
      ...said,
      age: WORDS[lang].updated(agoText(item.posted_at, now, lang)),
      by: item.posted_by === 'provider' ? WORDS[lang].bySite : WORDS[lang].byCurator,
    })
  }
  return lines
}

/** One line as plain text: "Naloxone in stock · updated 2 hours ago". */
export const liveLineText = (line: LiveLine) => `${line.text} · ${line.age}`

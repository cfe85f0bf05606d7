/**
 * What a listing's curators tell the public, in words for the map page and /lite: their
 * short note, and a temporary closure with its end date and reason. Never who wrote them.
 *
 *   closureText('temporarily_closed', '2026-12-15', 'Staff training', '2026-12-02', 'en')
 *   // 'Temporarily closed until Dec 15, 2026: Staff training'
 */
import { dateText, type PageLang } from './format.js'

const WORDS = {
  en: {
    notePrefix: "Note from the listing's curators:",
    closed: 'Temporarily closed',
    closedUntil: (date: string) => `Temporarily closed until ${date}`,
  },
  es: {
    notePrefix: 'Nota de quienes mantienen este listado:',
    closed: 'Cerrado temporalmente',
    closedUntil: (date: string) => `Cerrado temporalmente hasta el ${date}`,
  },
  'zh-Hans': { notePrefix: '此列表维护者的备注：', closed: '暂时关闭', closedUntil: (date: string) => `暂时关闭，直到 ${date}` },
  vi: {
    notePrefix: 'Ghi chú của người quản lý danh mục:',
    closed: 'Tạm thời đóng cửa',
    closedUntil: (date: string) => `Tạm thời đóng cửa đến ${date}`,
  },
  ko: { notePrefix: '목록 관리자의 메모:', closed: '임시 휴업', closedUntil: (date: string) => `${date}까지 임시 휴업` },
  tl: {
    notePrefix: 'Tala mula sa mga tagapangasiwa ng listahan:',
    closed: 'Pansamantalang sarado',
    closedUntil: (date: string) => `Pansamantalang sarado hanggang ${date}`,
  },
  ru: { notePrefix: 'Примечание редакторов справочника:', closed: 'Временно закрыто', closedUntil: (date: string) => `Временно закрыто до ${date}` },
  ar: { notePrefix: 'ملاحظة من القائمين على هذه القائمة:', closed: 'مغلق مؤقتًا', closedUntil: (date: string) => `مغلق مؤقتًا حتى ${date}` },
} as const

/** "Note from the listing's curators:" (the note itself follows as its own text). */
export function notePrefix(lang: PageLang): string {
  return WORDS[lang].notePrefix
}

/**
 * "Temporarily closed until Dec 15, 2026: Staff training" for a temporarily closed site, or
 * null for any other status. An end date already past (`today`, 'YYYY-MM-DD') is left out:
 * the site is still marked closed, and "until" a past day would say the opposite.
 */
export function closureText(status: string, until: string | null, reason: string | null, today: string, lang: PageLang): string | null {
  if (status !== 'temporarily_closed') return null
  const w = WORDS[lang]
  const head = until && until >= today ? w.closedUntil(dateText(until, lang)) : w.closed
  const why = reason?.trim()
  return why ? `${head}: ${why}` : head
}

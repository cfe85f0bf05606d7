/**
 * Words of the text-only page (/lite) in Russian.
 *
 * Machine-assisted translation, to be reviewed by a native speaker (issue 17).
 */
import { localeOf, plural } from '../../../../common/format.js'
import type { LiteStrings } from './en.js'

/** Not yet read by a native speaker. */
export const reviewed = false

const num = (n: number) => n.toLocaleString(localeOf('ru'))
const places = (n: number) => plural(n, 'ru', { one: `${num(n)} место`, few: `${num(n)} места`, many: `${num(n)} мест`, other: `${num(n)} места` })

export const ru: LiteStrings = {
  title: 'Снижение вреда и лечение — текстовая версия',
  heading: 'Найдите помощь рядом',
  intro: 'Шприцевые программы, налоксон, лечение и клиники. Только текст: без карты, без скриптов, без слежки.',
  mapVersion: 'Версия с картой',
  near: 'Почтовый индекс или город',
  services: 'Услуги (все)',
  openNow: 'Открыто сейчас',
  naloxoneInStock: 'Налоксон есть сейчас (по словам организации)',
  within: 'В радиусе',
  miles: 'миль',
  search: 'Искать',
  skip: 'К результатам',
  results: (n: number, place: string) => `${places(n)} рядом с: ${place}`,
  nearest: (n: number, place: string) => `Ближайшие места к ${place}: ${num(n)}`,
  moreResults: (from: number, to: number, place: string) =>
    from === to ? `Место ${num(from)} рядом с: ${place}` : `Места ${num(from)}–${num(to)} рядом с: ${place}`,
  radiusOption: (n: number) => plural(n, 'ru', { one: `${num(n)} миля`, few: `${num(n)} мили`, many: `${num(n)} миль`, other: `${num(n)} мили` }),
  none: 'Ничего не найдено. Увеличьте расстояние или выберите меньше услуг.',
  demo: 'Демонстрационные данные — это не настоящие службы.',
  call: 'Позвонить',
  verifiedLabel: 'Проверено',
  verifiedAny: 'когда угодно',
  verifiedWithin: { 180: 'за последние 6 месяцев', 365: 'за последний год' } as Record<number, string>,
  noPhone: 'Телефон не указан',
  more: 'Ещё результаты',
  error: 'Извините —',
  placeApproximated: (place: string) => `Показаны результаты рядом с: ${place}. Для адреса улицы нужен геокодер, поэтому найдены только город или индекс.`,
  placeChoice: (name: string, place: string) => `Какой именно ${name}? Пока показаны результаты рядом с: ${place}. Выберите нужное место:`,
  placeNotFound: (q: string) => `ни один почтовый индекс или город США не соответствует «${q}».`,
  unavailable: 'список сейчас недоступен. Попробуйте ещё раз через минуту.',
  details: 'Часы работы на неделю, все телефоны и откуда эти сведения',
  newSearch: 'Новый поиск',
  notFound: 'Этого места нет (больше нет) в справочнике.',
  availability: {
    heading: 'Были здесь недавно?',
    hint: 'Анонимно: о вас ничего не отправляется. Кураторы проверяют запись, когда несколько человек находят место закрытым.',
    thanks: 'Спасибо. Это поможет следующему человеку.',
    tooMany: 'Слишком много сообщений с этого подключения. Попробуйте ещё раз через минуту.',
    badChoice: 'Пожалуйста, используйте одну из кнопок ниже.',
  },
  address: 'Адрес',
  hours: 'Часы работы',
  hoursUnknown: 'Часы работы не указаны. Позвоните заранее.',
  closedDay: 'Закрыто',
  allDay: 'Круглосуточно',
  phones: 'Телефон',
  website: 'Сайт',
  servicesHeading: 'Услуги',
  sources: 'Источники',
  sourcesSummary: (n: number) =>
    `Откуда эти сведения (${plural(n, 'ru', { one: `${num(n)} запись`, few: `${num(n)} записи`, many: `${num(n)} записей`, other: `${num(n)} записи` })})`,
  fromSources: (sources: string) => `из: ${sources}`,
  fromCurator: 'указано кураторами справочника',
  and: 'и',
  recordPrimary: 'основная запись',
  recordImported: (date: string) => `импортировано ${date}`,
  recordMerged: (date: string) => `объединено ${date}`,
  recordInactive: 'больше не указано в этом источнике',
  moved: 'Ради вашей конфиденциальности поиск не сохраняется в адресе страницы, поэтому закладка или ссылка не покажет, где вы искали. Введите место ещё раз.',
  badField: (field: string) => `значение поля «${field}» в форме не распознано. Проверьте его и повторите поиск.`,
  fieldNames: {
    near: 'Почтовый индекс или город',
    services: 'Услуги',
    open_now: 'Открыто сейчас',
    radius: 'В радиусе',
    verified: 'Проверено',
    lang: 'Язык',
    cursor: 'Ещё результаты',
    from: 'Ещё результаты',
  } as Record<string, string>,
  form: 'форма',
  typeHeading: 'Тип места',
  payment: 'Способы оплаты',
  languages: 'Языки общения',
  directions: 'Маршрут (OpenStreetMap)',
  directionsByAddress: 'Маршрут до адреса (OpenStreetMap)',
  approxLocation: { zip_centroid: 'Примерное местоположение (район индекса)', city: 'Примерное местоположение (район города)' } as Record<string, string>,
  approxLocationOther: 'Примерное местоположение',
  approxNote: 'Отмеченная точка — центр района, а не вход. Маршрут строится по адресу.',
  approxShort: 'примерное местоположение',
  morePlaces: 'Показать ещё',
  languageChoice: 'Язык',
  zipPrefix: 'индекс',
  unitStops: (unit: string) => `Где останавливается ${unit}`,
  otherStops: (unit: string) => `Другие остановки: ${unit}`,
  noOpeningSoon: 'В ближайшие 60 дней часов работы нет',
}

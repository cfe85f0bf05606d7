/**
 * Words of the text-only page (/lite) in Arabic (the page is laid out right to left).
 *
 * Machine-assisted translation, to be reviewed by a native speaker (issue 17).
 */
import { localeOf, plural } from '../../../../common/format.js'
import type { LiteStrings } from './en.js'

/** Not yet read by a native speaker. */
export const reviewed = false

const num = (n: number) => n.toLocaleString(localeOf('ar'))
const places = (n: number) =>
  plural(n, 'ar', { zero: 'لا أماكن', one: 'مكان واحد', two: 'مكانان', few: `${num(n)} أماكن`, many: `${num(n)} مكانًا`, other: `${num(n)} مكان` })

export const ar: LiteStrings = {
  title: 'ابحث عن خدمات الحد من الضرر والعلاج — نسخة نصية',
  heading: 'ابحث عن المساعدة بالقرب منك',
  intro: 'خدمات الحقن، النالوكسون، العلاج والعيادات. صفحة نصية فقط: بلا خريطة، بلا نصوص برمجية، بلا تتبع.',
  mapVersion: 'النسخة مع الخريطة',
  near: 'الرمز البريدي أو المدينة',
  services: 'الخدمات (كلها)',
  openNow: 'مفتوح الآن',
  naloxoneInStock: 'النالوكسون متوفر الآن (حسب المكان)',
  within: 'في حدود',
  miles: 'ميل',
  search: 'بحث',
  skip: 'انتقل إلى النتائج',
  results: (n: number, place: string) => `${places(n)} بالقرب من ${place}`,
  nearest: (n: number, place: string) => `أقرب ${num(n)} مكانًا إلى ${place}`,
  moreResults: (from: number, to: number, place: string) =>
    from === to ? `المكان ${num(from)} بالقرب من ${place}` : `الأماكن ${num(from)}–${num(to)} بالقرب من ${place}`,
  radiusOption: (n: number) => plural(n, 'ar', { one: 'ميل واحد', two: 'ميلان', few: `${num(n)} أميال`, many: `${num(n)} ميلًا`, other: `${num(n)} ميل` }),
  none: 'لم يتم العثور على أماكن. جرّب مسافة أكبر أو خدمات أقل.',
  demo: 'بيانات تجريبية — ليست خدمات حقيقية.',
  call: 'اتصل',
  verifiedLabel: 'تم التحقق',
  verifiedAny: 'في أي وقت',
  verifiedWithin: { 180: 'خلال 6 أشهر', 365: 'خلال سنة' } as Record<number, string>,
  noPhone: 'لا يوجد رقم هاتف',
  more: 'نتائج أكثر',
  error: 'عذرًا —',
  placeApproximated: (place: string) =>
    `تظهر النتائج بالقرب من ${place}: عناوين الشوارع تحتاج إلى خدمة تحديد المواقع، لذلك تمت مطابقة المدينة أو الرمز البريدي فقط.`,
  placeChoice: (name: string, place: string) => `أي ${name}؟ تظهر الآن النتائج بالقرب من ${place}؛ اختر المكان الذي تقصده:`,
  placeNotFound: (q: string) => `لا يوجد رمز بريدي أو مدينة في الولايات المتحدة يطابق "${q}".`,
  unavailable: 'لا يمكن الوصول إلى القائمة الآن. يرجى المحاولة مرة أخرى بعد دقيقة.',
  details: 'ساعات الأسبوع، كل أرقام الهاتف ومصدر المعلومات',
  newSearch: 'بحث جديد',
  notFound: 'هذا المكان غير موجود في الدليل (لم يعد موجودًا).',
  availability: {
    heading: 'هل زرت هذا المكان مؤخرًا؟',
    hint: 'مجهول الهوية: لا يُرسل أي شيء عنك. يراجع القائمون على الدليل المعلومات عندما يجد عدة أشخاص المكان مغلقًا.',
    thanks: 'شكرًا لك. هذا يساعد الشخص التالي.',
    tooMany: 'بلاغات كثيرة جدًا من هذا الاتصال. يرجى المحاولة مرة أخرى بعد دقيقة.',
    badChoice: 'يرجى استخدام أحد الأزرار أدناه.',
  },
  address: 'العنوان',
  hours: 'ساعات العمل',
  hoursUnknown: 'ساعات العمل غير مذكورة. اتصل قبل الذهاب.',
  closedDay: 'مغلق',
  allDay: 'مفتوح 24 ساعة',
  phones: 'الهاتف',
  website: 'الموقع الإلكتروني',
  servicesHeading: 'الخدمات',
  sources: 'المصادر',
  sourcesSummary: (n: number) => `مصدر هذه المعلومات (${plural(n, 'ar', { one: 'سجل واحد', two: 'سجلان', few: `${num(n)} سجلات`, other: `${num(n)} سجل` })})`,
  fromSources: (sources: string) => `من ${sources}`,
  fromCurator: 'حدده القائمون على الدليل',
  and: 'و',
  recordPrimary: 'السجل الرئيسي',
  recordImported: (date: string) => `استُورد في ${date}`,
  recordMerged: (date: string) => `دُمج في ${date}`,
  recordInactive: 'لم يعد مدرجًا في هذا المصدر',
  moved: 'حفاظًا على خصوصيتك، لا يُحفظ البحث في عنوان الصفحة، لذلك لا يمكن للإشارة المرجعية أو الرابط المشترك أن يُظهر أين بحثت. اكتب المكان مرة أخرى للبحث.',
  badField: (field: string) => `لم نفهم قيمة "${field}" في النموذج. يرجى التحقق منها والبحث مرة أخرى.`,
  fieldNames: {
    near: 'الرمز البريدي أو المدينة',
    services: 'الخدمات',
    open_now: 'مفتوح الآن',
    radius: 'في حدود',
    verified: 'تم التحقق',
    lang: 'اللغة',
    cursor: 'نتائج أكثر',
    from: 'نتائج أكثر',
  } as Record<string, string>,
  form: 'النموذج',
  typeHeading: 'نوع المكان',
  payment: 'طرق الدفع المقبولة',
  languages: 'اللغات المستخدمة',
  directions: 'الاتجاهات (OpenStreetMap)',
  directionsByAddress: 'الاتجاهات إلى العنوان (OpenStreetMap)',
  approxLocation: { zip_centroid: 'موقع تقريبي (منطقة الرمز البريدي)', city: 'موقع تقريبي (منطقة المدينة)' } as Record<string, string>,
  approxLocationOther: 'موقع تقريبي',
  approxNote: 'النقطة المعروضة هي وسط المنطقة، وليست الباب. الاتجاهات تستخدم العنوان.',
  approxShort: 'موقع تقريبي',
  morePlaces: 'عرض نتائج أكثر',
  languageChoice: 'اللغة',
  zipPrefix: 'الرمز البريدي',
  unitStops: (unit: string) => `أين تتوقف ${unit}`,
  otherStops: (unit: string) => `محطات أخرى لـ ${unit}`,
  noOpeningSoon: 'لا توجد مواعيد فتح مذكورة في الأيام الستين القادمة',
}

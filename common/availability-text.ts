/**
 * Availability reports in words, for the map page and /lite: the week's counts as people gave
 * them (always said to be unconfirmed) and the three things a person can say about a site.
 *
 *   availabilitySummary(reports, 'en')
 *   // { said: 'In the last 7 days, people said (unconfirmed):',
 *   //   parts: ['got naloxone 3 times', 'were out once', 'found it closed 2 times'] }
 */
import type { AvailabilityKind, AvailabilityReports, AvailabilitySupply } from './contract/availability.js'
import { plural, type Lang } from './format.js'

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
} as const

/** The week's counts as a lead-in and one phrase per kind and supply; null when nobody reported anything. */
export function availabilitySummary(reports: AvailabilityReports, lang: Lang): { said: string; parts: string[] } | null {
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
export function availabilityChoices(services: readonly string[], lang: Lang): { kind: AvailabilityKind; supply: AvailabilitySupply | null; label: string }[] {
  const w = WORDS[lang]
  const supply = supplyOf(services)
  const name = supply ? w.supplies[supply] : null
  return [
    { kind: 'got_supplies', supply, label: w.say.got_supplies(name) },
    { kind: 'out_of_supplies', supply, label: w.say.out_of_supplies(name) },
    { kind: 'closed', supply: null, label: w.say.closed() },
  ]
}

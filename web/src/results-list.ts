/**
 * The result list: a full alternative to the map. Each card says what kind of place it is,
 * how far (about how far, when its point is only a ZIP or city centroid), whether it is open,
 * where, what it takes, when it was last verified (and how long ago that is), what its
 * curators note, that other results sit on the same map point, and offers call / directions /
 * map / details.
 */
import type { SiteResult } from './api.js'
import { siteDirections } from './directions.js'
import { h } from './dom.js'
import { addressText, distanceText, isApproximateLocation, openStatusText, telHref } from '../../common/format.js'
import { currentLang, t } from './i18n.js'
import { approximateBadgeOf, closureOf, liveStatusOf, publicNoteOf, verificationLineOf } from './listing-notes.js'
import { label } from './taxonomy.js'

export interface ListHandlers {
  /** The card (or anything in it) received focus or the pointer. */
  onFocus(id: string): void
  onDetails(id: string, trigger: HTMLElement): void
  onShowOnMap(id: string): void
  /** "Add to route" / "Remove from route" was pressed. */
  onRoute(id: string): void
  /** Whether a site is in the outreach route (for the button's wording). */
  inRoute(id: string): boolean
}

const MAX_SERVICES_ON_CARD = 5
const MAX_PAYMENT_ON_CARD = 4

/** The kind of place in words ("Pharmacy", "Mobile unit"): its types, and a mobile unit's access too. */
function kindOf(site: SiteResult, lang: ReturnType<typeof currentLang>): string[] {
  const kinds = site.types.map((c) => label('types', c, lang))
  if (site.access.includes('mobile_unit')) kinds.push(label('access', 'mobile_unit', lang))
  return kinds
}

/** A list cut to `max` items, with "+N" for the rest. */
function capped(items: string[], max: number): string {
  const more = items.length - max
  return items.slice(0, max).join(', ') + (more > 0 ? ` +${more}` : '')
}

/** Results on one map point (same latitude and longitude), as a key. */
const pointKey = (site: Pick<SiteResult, 'lat' | 'lon'>) => `${site.lat.toFixed(5)},${site.lon.toFixed(5)}`

function statusClass(open: boolean | null): string {
  return open === null ? 'status unknown' : open ? 'status open' : 'status closed'
}

function card(site: SiteResult, number: number, now: Date, inRoute: boolean): HTMLLIElement {
  const s = t()
  const lang = currentLang()
  const nameId = `site-name-${number}`
  const services = site.services.map((c) => label('services', c, lang))
  const kinds = kindOf(site, lang)
  const phone = site.phone ? h('a', { class: 'btn call', href: telHref(site.phone) }, `${s.call} ${site.phone}`) : h('span', { class: 'no-phone' }, s.noPhone)
  const directions = siteDirections(site)
  return h(
    'li',
    { class: 'card', 'data-id': site.id },
    h(
      'article',
      { 'aria-labelledby': nameId },
      h(
        'h3',
        { class: 'card-title' },
        h('span', { class: 'num', 'aria-hidden': 'true' }, String(number)),
        h('button', { type: 'button', class: 'name-button', id: nameId, 'data-action': 'details' }, site.name),
      ),
      kinds.length ? h('p', { class: 'types' }, kinds.join(' · ')) : null,
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'distance' }, distanceText(site.distance_mi, lang, isApproximateLocation(site.location_precision))),
        ' · ',
        closureOf(site, now) ?? h('span', { class: statusClass(site.open_now) }, openStatusText(site.open_now, site.next_change, site.timezone, now, lang)),
      ),
      liveStatusOf(site, now),
      approximateBadgeOf(site),
      // "3 places share this point on the map", filled in once the list knows its neighbours.
      h('p', { class: 'shared-point', hidden: true }),
      site.demo ? h('p', { class: 'demo-tag' }, s.demoTag) : null,
      publicNoteOf(site),
      services.length ? h('p', { class: 'services' }, capped(services, MAX_SERVICES_ON_CARD)) : null,
      // What it takes, so a person checking for Medicaid need not open every card.
      site.payment.length
        ? h(
            'p',
            { class: 'payment' },
            s.paymentOnCard(
              capped(
                site.payment.map((c) => label('payment', c, lang)),
                MAX_PAYMENT_ON_CARD,
              ),
            ),
          )
        : null,
      h('p', { class: 'address' }, addressText(site)),
      verificationLineOf(site, now),
      h(
        'div',
        { class: 'actions' },
        phone,
        directions ? h('a', { class: 'btn directions', href: directions, rel: 'noopener noreferrer', target: '_blank' }, s.directions) : null,
        h('button', { type: 'button', class: 'btn secondary map-only', 'data-action': 'map' }, s.showOnMap),
        routeButton(inRoute),
      ),
    ),
  )
}

/** The card's "Add to route" toggle; its wording says what pressing it does. */
export function routeButton(inRoute: boolean): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'btn secondary route-toggle' + (inRoute ? ' in-route' : ''), 'data-action': 'route' },
    h('span', { 'aria-hidden': 'true' }, inRoute ? '✓ ' : '+ '),
    inRoute ? t().removeFromRoute : t().addToRoute,
  )
}

/** Manages the <ol> of results. */
export class ResultsList {
  constructor(
    private readonly list: HTMLOListElement,
    private readonly handlers: ListHandlers,
  ) {
    list.addEventListener('focusin', (event) => {
      const id = (event.target as HTMLElement).closest<HTMLElement>('.card')?.dataset.id
      if (id) handlers.onFocus(id)
    })
    list.addEventListener('click', (event) => {
      const target = event.target as HTMLElement
      const button = target.closest<HTMLElement>('[data-action]')
      const id = target.closest<HTMLElement>('.card')?.dataset.id
      if (!button || !id) return
      if (button.dataset.action === 'details') handlers.onDetails(id, button)
      else if (button.dataset.action === 'route') handlers.onRoute(id)
      else handlers.onShowOnMap(id)
    })
  }

  /** Replaces the list (append=false) or adds the next page. */
  show(results: readonly SiteResult[], startNumber: number, now: Date, append: boolean): void {
    const cards = results.map((site, i) => card(site, startNumber + i, now, this.handlers.inRoute(site.id)))
    this.shown = append ? [...this.shown, ...results] : [...results]
    if (append) this.list.append(...cards)
    else this.list.replaceChildren(...cards)
    this.markSharedPoints()
  }

  clear(): void {
    this.shown = []
    this.list.replaceChildren()
  }

  private shown: SiteResult[] = []

  /**
   * Says on each card whose map point other shown results share (places placed at one ZIP
   * centroid, or one building) how many do: one marker on the map stands for all of them.
   */
  private markSharedPoints(): void {
    const counts = new Map<string, number>()
    for (const site of this.shown) counts.set(pointKey(site), (counts.get(pointKey(site)) ?? 0) + 1)
    for (const site of this.shown) {
      const line = this.cardOf(site.id)?.querySelector<HTMLElement>('.shared-point')
      if (!line) continue
      const n = counts.get(pointKey(site)) ?? 1
      line.hidden = n < 2
      line.textContent = n < 2 ? '' : t().sharedPoint(n)
    }
  }

  /** Marks one card as the selected one (matching the highlighted marker). */
  highlight(id: string | null): void {
    for (const el of this.list.querySelectorAll<HTMLElement>('.card.is-active')) el.classList.remove('is-active')
    if (id) this.cardOf(id)?.classList.add('is-active')
  }

  /** Scrolls a card into view and focuses its name (what a marker click leads to). */
  focus(id: string): void {
    const card = this.cardOf(id)
    if (!card) return
    card.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' })
    card.querySelector<HTMLElement>('.name-button')?.focus({ preventScroll: true })
  }

  /** Rewords the cards' route buttons after the route changed, keeping focus where it was. */
  refreshRoute(): void {
    for (const old of this.list.querySelectorAll<HTMLElement>('[data-action="route"]')) {
      const id = old.closest<HTMLElement>('.card')?.dataset.id
      if (!id) continue
      const inRoute = this.handlers.inRoute(id)
      if (old.classList.contains('in-route') === inRoute) continue
      const fresh = routeButton(inRoute)
      const hadFocus = document.activeElement === old
      old.replaceWith(fresh)
      if (hadFocus) fresh.focus()
    }
  }

  private cardOf(id: string): HTMLElement | null {
    return this.list.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`)
  }
}

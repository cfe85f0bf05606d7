/**
 * The result list: a full alternative to the map. Each card says how far, whether it is
 * open, where, when it was last verified (and how long ago that is), what its curators note,
 * and offers call / directions / map / details.
 */
import type { SiteResult } from './api.js'
import { directionsUrl, geoUri, prefersGeoLinks } from './directions.js'
import { h } from './dom.js'
import { addressText, distanceText, openStatusText, telHref } from '../../common/format.js'
import { currentLang, t } from './i18n.js'
import { closureOf, publicNoteOf, verificationLineOf } from './listing-notes.js'
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

function statusClass(open: boolean | null): string {
  return open === null ? 'status unknown' : open ? 'status open' : 'status closed'
}

function card(site: SiteResult, number: number, now: Date, inRoute: boolean): HTMLLIElement {
  const s = t()
  const lang = currentLang()
  const nameId = `site-name-${number}`
  const services = site.services.slice(0, MAX_SERVICES_ON_CARD).map((c) => label('services', c, lang))
  const moreServices = site.services.length - services.length
  const phone = site.phone ? h('a', { class: 'btn call', href: telHref(site.phone) }, `${s.call} ${site.phone}`) : h('span', { class: 'no-phone' }, s.noPhone)
  const directions = prefersGeoLinks() ? geoUri(site.lat, site.lon, site.name) : directionsUrl(site.lat, site.lon)
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
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'distance' }, distanceText(site.distance_mi, lang)),
        ' · ',
        closureOf(site, now) ?? h('span', { class: statusClass(site.open_now) }, openStatusText(site.open_now, site.next_change, site.timezone, now, lang)),
      ),
      site.demo ? h('p', { class: 'demo-tag' }, s.demoTag) : null,
      publicNoteOf(site),
      site.types.length ? h('p', { class: 'types' }, site.types.map((c) => label('types', c, lang)).join(' · ')) : null,
      services.length ? h('p', { class: 'services' }, services.join(', ') + (moreServices > 0 ? ` +${moreServices}` : '')) : null,
      // What it takes, so a person checking for Medicaid need not open every card.
      site.payment.length ? h('p', { class: 'payment' }, s.paymentOnCard(site.payment.map((c) => label('payment', c, lang)).join(', '))) : null,
      h('p', { class: 'address' }, addressText(site)),
      verificationLineOf(site, now),
      h(
        'div',
        { class: 'actions' },
        phone,
        h('a', { class: 'btn', href: directions, rel: 'noopener noreferrer', target: '_blank' }, s.directions),
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
    if (append) this.list.append(...cards)
    else this.list.replaceChildren(...cards)
  }

  clear(): void {
    this.list.replaceChildren()
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

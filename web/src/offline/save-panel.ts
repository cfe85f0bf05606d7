/**
 * "Save for use with no signal": the person picks an area (what the map shows, or a distance
 * around the place searched), sees how big it is, saves it, and later lists, updates or deletes
 * each saved area — or deletes all offline data (IndexedDB, Cache Storage and the service
 * worker). Also lists reports waiting in the outbox, each discardable.
 *
 *   const panel = createSavePanel(byId('offline-panel'), { mapView: () => map?.bbox() ?? null, ... })
 *   panel.render()   // after a search or a language change
 */
import { localeOf } from '../../../common/format.js'
import { ApiFailure, fetchOfflineArea, fetchOfflineAreaSize, type Taxonomy } from '../api.js'
import { h } from '../dom.js'
import { currentLang, t } from '../i18n.js'
import { flushOutbox } from './offline-api.js'
import { boxAround, snapOut, type Bbox } from './area-box.js'
import { canSaveOffline, deleteArea, deleteOfflineDatabase, dropQueuedReport, queuedReports, saveArea, savedAreas, type SavedArea } from './saved-areas.js'

export interface SavePanelSources {
  /** The map's visible box, or null while the map is not shown. */
  mapView(): Bbox | null
  /** The place of the current search and its label, or null before any search. */
  place(): { lat: number; lon: number; label: string } | null
  /** The search distance in miles. */
  radiusMiles(): number
  /** The filter labels in use, kept with the save for a page opened with no signal. */
  taxonomy(): Taxonomy | null
}

const numberText = (n: number) => new Intl.NumberFormat(localeOf(currentLang())).format(n)
const sizeText = (bytes: number) => {
  const mb = bytes / 1_000_000
  const unit = mb >= 1 ? 'megabyte' : 'kilobyte'
  const value = mb >= 1 ? mb : Math.max(1, bytes / 1000)
  return new Intl.NumberFormat(localeOf(currentLang()), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: mb >= 1 ? 1 : 0 }).format(value)
}
/** A saved date as the person's language writes it. */
export function savedDateText(iso: string): string {
  return new Intl.DateTimeFormat(localeOf(currentLang()), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export interface SavePanel {
  render(): void
}

/** Fills `root` (a <details>) with the panel; its lists redraw when areas or the outbox change. */
export function createSavePanel(root: HTMLElement, sources: SavePanelSources): SavePanel {
  if (!canSaveOffline()) {
    root.hidden = true
    return { render: () => undefined }
  }
  let choice: 'map' | 'around' = 'around'
  let checked: { bbox: Bbox; label: string; bytes: number } | null = null
  const status = h('p', { class: 'offline-status', role: 'status' })
  const summary = h('summary', {})
  const intro = h('p', { class: 'hint' })
  const areaBox = h('fieldset', { class: 'offline-area-choice' })
  const checkButton = h('button', { type: 'button', class: 'btn secondary', id: 'offline-check' })
  const saveButton = h('button', { type: 'button', class: 'btn primary', id: 'offline-save', hidden: true })
  const savedList = h('ul', { class: 'offline-saved', id: 'offline-saved' })
  const savedHeading = h('h3', { class: 'offline-heading' })
  const outboxHeading = h('h3', { class: 'offline-heading' })
  const outboxList = h('ul', { class: 'offline-outbox', id: 'offline-outbox' })
  const deleteAll = h('button', { type: 'button', class: 'link-button danger', id: 'offline-delete-all' })

  const chosenArea = (): { bbox: Bbox; label: string } | null => {
    const s = t().offlineUse
    if (choice === 'map') {
      const view = sources.mapView()
      return view ? { bbox: snapOut(view), label: s.areaMap } : null
    }
    const place = sources.place()
    if (!place) return null
    const miles = t().miles(sources.radiusMiles())
    return { bbox: boxAround(place.lat, place.lon, sources.radiusMiles()), label: s.areaAround(place.label, miles) }
  }

  const renderChoice = () => {
    const s = t().offlineUse
    const place = sources.place()
    const options: [typeof choice, string, boolean][] = [
      ['around', place ? s.areaAround(place.label, t().miles(sources.radiusMiles())) : s.areaNeedsSearch, place !== null],
      ['map', s.areaMap, sources.mapView() !== null],
    ]
    if (!options.some(([value, , ok]) => value === choice && ok)) choice = options.find(([, , ok]) => ok)?.[0] ?? 'around'
    areaBox.replaceChildren(
      h('legend', {}, s.areaLegend),
      ...options.map(([value, label, ok]) => {
        const input = h('input', { type: 'radio', name: 'offline-area', value, checked: choice === value, disabled: !ok })
        input.addEventListener('change', () => {
          choice = value
          checked = null
          saveButton.hidden = true
          status.textContent = ''
        })
        return h('label', { class: 'radio' }, input, h('span', {}, label))
      }),
    )
    checkButton.disabled = chosenArea() === null
  }

  const renderSaved = async () => {
    const s = t().offlineUse
    const [areas, outbox] = await Promise.all([savedAreas(), queuedReports()])
    savedHeading.textContent = s.savedHeading
    savedHeading.hidden = areas.length === 0
    savedList.replaceChildren(...areas.map((area) => savedItem(area)))
    outboxHeading.textContent = s.outboxHeading(numberText(outbox.length))
    outboxHeading.hidden = outbox.length === 0
    outboxList.replaceChildren(
      ...outbox.map((item) => {
        const discard = h('button', { type: 'button', class: 'link-button' }, s.discard)
        discard.addEventListener('click', async () => {
          if (item.id !== undefined) await dropQueuedReport(item.id)
          void renderSaved()
        })
        return h('li', {}, h('span', {}, s.outboxLine(item.siteName, savedDateText(item.queuedAt))), ' ', discard)
      }),
    )
    deleteAll.textContent = s.deleteAll
    deleteAll.hidden = areas.length === 0 && outbox.length === 0
  }

  const savedItem = (area: SavedArea) => {
    const s = t().offlineUse
    const update = h('button', { type: 'button', class: 'link-button' }, s.update)
    const remove = h('button', { type: 'button', class: 'link-button' }, s.delete)
    update.addEventListener('click', () => void download({ bbox: area.bbox, label: area.label }))
    remove.addEventListener('click', async () => {
      await deleteArea(area.id)
      void renderSaved()
    })
    return h('li', {}, h('span', {}, s.savedLine(area.label, numberText(area.sites), savedDateText(area.savedAt))), ' ', update, ' ', remove)
  }

  const download = async (area: { bbox: Bbox; label: string }) => {
    const s = t().offlineUse
    saveButton.disabled = true
    status.textContent = s.saving
    try {
      const { area: listings, bytes } = await fetchOfflineArea(area.bbox)
      await saveArea({ label: area.label, area: listings, bytes, taxonomy: sources.taxonomy() })
      status.textContent = s.saved
      saveButton.hidden = true
      checked = null
    } catch (err) {
      status.textContent = err instanceof ApiFailure && err.status === 400 ? s.tooBig : s.saveFailed
    } finally {
      saveButton.disabled = false
      void renderSaved()
    }
  }

  checkButton.addEventListener('click', async () => {
    const s = t().offlineUse
    const area = chosenArea()
    if (!area) return
    status.textContent = ''
    try {
      const size = await fetchOfflineAreaSize(area.bbox)
      if (size.sites > size.max_sites) {
        status.textContent = s.tooBig
        return
      }
      checked = { ...area, bytes: size.bytes }
      status.textContent = s.sizeLine(numberText(size.sites), sizeText(size.bytes))
      saveButton.hidden = false
    } catch (err) {
      status.textContent = err instanceof ApiFailure && err.status === 400 ? s.tooBig : s.saveFailed
    }
  })
  saveButton.addEventListener('click', () => {
    if (checked) void download(checked)
  })
  deleteAll.addEventListener('click', async () => {
    await deleteOfflineDatabase()
    await deleteOfflineShell()
    status.textContent = t().offlineUse.deletedAll
    void renderSaved()
  })
  addEventListener('hrl-outbox', () => void renderSaved())
  addEventListener('online', () => void flushOutbox().then((n) => n > 0 && (status.textContent = t().offlineUse.outboxSent(numberText(n)))))

  root.replaceChildren(
    summary,
    intro,
    areaBox,
    h('p', { class: 'offline-actions' }, checkButton, ' ', saveButton),
    status,
    savedHeading,
    savedList,
    outboxHeading,
    outboxList,
    deleteAll,
  )
  const render = () => {
    const s = t().offlineUse
    summary.textContent = s.panelSummary
    intro.textContent = s.panelIntro
    checkButton.textContent = s.checkSize
    saveButton.textContent = s.save
    renderChoice()
    void renderSaved()
  }
  root.addEventListener('toggle', () => (root as HTMLDetailsElement).open && renderChoice())
  render()
  if (navigator.onLine) void flushOutbox()
  return { render }
}

/** The app shell's caches and worker: "delete all offline data" leaves nothing behind. */
async function deleteOfflineShell(): Promise<void> {
  if (typeof caches !== 'undefined') for (const key of await caches.keys()) await caches.delete(key)
  if ('serviceWorker' in navigator) for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister()
}

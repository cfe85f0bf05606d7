/**
 * One site as importers and the demo generator hand it to the directory: an organization,
 * one location (physical or a mobile stop), its services, weekly hours and phones.
 */
import type { GeocodePrecision, HoursRule } from '../db/schema.js'

export interface SiteRecord {
  source: string
  sourceId: string
  demo: boolean
  assuredDate: string | null
  organization: { id: string; name: string; website?: string | null; email?: string | null; description?: string | null }
  location: {
    id: string
    name: string
    /** A second name (SAMHSA's name2). */
    alternateName?: string | null
    description?: string | null
    mobile?: boolean
    address1: string | null
    address2?: string | null
    /** A P.O. box: a mailing address, not where the site is. */
    mailingAddress?: string | null
    city: string | null
    region: string | null
    postalCode: string | null
    latitude: number
    longitude: number
    geocodePrecision: GeocodePrecision
    timezone: string
    status: 'active' | 'inactive' | 'defunct' | 'temporarily_closed'
    website?: string | null
    types: string[]
    payment: string[]
    populations: string[]
    access: string[]
    languages: string[]
  }
  services: { id: string; name: string; codes: string[] }[]
  hours: HoursRule[]
  phones: { number: string; extension?: string | null; type?: string }[]
  /** Source codes and fields with no place in the vocabulary. */
  sourceAttributes?: Record<string, unknown>
}

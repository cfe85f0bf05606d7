/**
 * Which geocoder the configuration names: the remote one (Nominatim, Pelias, Photon) when
 * GEOCODER and GEOCODER_URL say so, the offline ZIP and place table otherwise.
 */
import type { Config } from '../config.js'
import type { Geocoder } from './geocoder.js'
import { OfflineGeocoder } from './offline.js'
import { RemoteGeocoder } from './remote.js'

/** The configured remote geocoder, or null when the offline one is in use. */
export function remoteGeocoderFor(config: Pick<Config, 'geocoder' | 'geocoderUrl'>): RemoteGeocoder | null {
  return config.geocoder !== 'offline' && config.geocoderUrl ? new RemoteGeocoder(config.geocoder, config.geocoderUrl) : null
}

/** The geocoder the configuration names. Example: geocoderFor({ geocoder: 'offline', geocoderUrl: null }) → an OfflineGeocoder. */
export function geocoderFor(config: Pick<Config, 'geocoder' | 'geocoderUrl'>): Geocoder {
  return remoteGeocoderFor(config) ?? new OfflineGeocoder()
}

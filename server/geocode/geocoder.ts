/**
 * Turning what a person types ("21201", "Baltimore, MD") into a point. The offline geocoder
 * is the default; remote ones (Nominatim, Photon, Pelias) implement the same interface.
 */
export interface Place {
  /** What was found, for display: "Baltimore, MD" or "ZIP 21201, Baltimore, MD". */
  label: string
  lat: number
  lon: number
  kind: 'zip' | 'place' | 'address'
  /** ZIP and place results are centroids: approximate, never a street address. */
  approximate: boolean
  postalCode?: string
  region?: string
}

export interface Geocoder {
  /** Best matches first; an empty list when nothing matches. */
  geocode(query: string, limit?: number): Promise<Place[]>
}

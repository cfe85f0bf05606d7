/** Every migration, by name; Kysely applies them in name order. */
import type { Migration } from 'kysely'
import * as directory from './2026-11-24-01-directory.js'
import * as search from './2026-11-24-02-search.js'
import * as problemReports from './2026-11-24-03-problem-reports.js'
import * as importBookkeeping from './2026-11-24-04-import.js'
import * as hsdsIndexes from './2026-11-24-05-hsds.js'
import * as facetTerms from './2026-11-24-06-facet-terms.js'
import * as coveringFacets from './2026-11-24-07-covering-facets.js'
import * as curation from './2026-12-02-01-curation.js'
import * as demoFacets from './2026-12-03-05-demo-facets.js'
import * as timezones from './2026-12-03-01-timezones.js'
import * as cleanValues from './2026-12-03-02-clean-values.js'
import * as scheduleRecurrence from './2026-12-03-06-schedule-recurrence.js'
import * as provenance from './2026-12-03-04-provenance.js'
import * as mergeReasons from './2026-12-03-03-merge-reasons.js'
import * as providerLinks from './2026-12-04-01-provider-links.js'
import * as changeRequests from './2026-12-05-01-change-requests.js'
import * as liveStatus from './2026-12-05-02-live-status.js'
import * as availabilityReports from './2026-12-05-03-availability-reports.js'
import * as mobileStops from './2026-12-05-04-mobile-stops.js'
import * as searchCards from './2026-12-06-01-search-cards.js'
import * as searchHoursText from './2026-12-06-02-search-hours-text.js'

export const migrations: Record<string, Migration> = {
  '2026-11-24-01-directory': directory,
  '2026-11-24-02-search': search,
  '2026-11-24-03-problem-reports': problemReports,
  '2026-11-24-04-import': importBookkeeping,
  '2026-11-24-05-hsds': hsdsIndexes,
  '2026-11-24-06-facet-terms': facetTerms,
  '2026-11-24-07-covering-facets': coveringFacets,
  '2026-12-02-01-curation': curation,
  '2026-12-03-05-demo-facets': demoFacets,
  '2026-12-03-01-timezones': timezones,
  '2026-12-03-02-clean-values': cleanValues,
  '2026-12-03-06-schedule-recurrence': scheduleRecurrence,
  '2026-12-03-04-provenance': provenance,
  '2026-12-03-03-merge-reasons': mergeReasons,
  '2026-12-04-01-provider-links': providerLinks,
  '2026-12-05-01-change-requests': changeRequests,
  '2026-12-05-02-live-status': liveStatus,
  '2026-12-05-03-availability-reports': availabilityReports,
  '2026-12-05-04-mobile-stops': mobileStops,
  '2026-12-06-01-search-cards': searchCards,
  '2026-12-06-02-search-hours-text': searchHoursText,
}

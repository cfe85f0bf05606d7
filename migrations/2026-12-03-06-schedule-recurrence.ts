/**
 * Schedules keep their RRULE meaning (issue 14, item 2): freq MONTHLY beside WEEKLY, an
 * interval (every 2 weeks), ordinal days (2TU,4TU: second and fourth Tuesday), days of the
 * month (bymonthday) and the first date an interval counts from (dtstart). Existing rows are
 * weekly rules with interval 1 and stay as they are.
 *
 * hrl_week_ranges now skips a day code it does not know (an ordinal one gave a NULL day, and
 * int4range(NULL, NULL) is the whole week); hrl_recurring_dates lists the local dates a
 * recurring rule opens on, so the search's "open" test can hold them as dated rows (the same
 * semantics as server/schedule/recurrence.ts, which the tests compare).
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

const DAY = `(MO|TU|WE|TH|FR|SA|SU)`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE schedules
      DROP CONSTRAINT schedules_freq_check,
      DROP CONSTRAINT schedules_byday_check,
      ADD COLUMN "interval" integer NOT NULL DEFAULT 1 CHECK ("interval" BETWEEN 1 AND 52),
      ADD COLUMN bymonthday text CHECK (bymonthday ~ '^-?[0-9]{1,2}(,-?[0-9]{1,2})*$'),
      ADD COLUMN dtstart date,
      ADD CONSTRAINT schedules_freq_check CHECK (freq IN ('WEEKLY', 'MONTHLY')),
      ADD CONSTRAINT schedules_byday_check CHECK (
        byday ~ '^(([+-]?[1-5])?${DAY}(,([+-]?[1-5])?${DAY})*)?$'
        AND (freq = 'MONTHLY' OR byday !~ '[0-9]')
        AND (byday <> '' OR bymonthday IS NOT NULL)
        AND (bymonthday IS NULL OR freq = 'MONTHLY'));

    CREATE OR REPLACE FUNCTION hrl_week_ranges(byday text, opens time, closes time) RETURNS int4multirange
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      BEGIN ATOMIC
        SELECT coalesce(range_agg(r), '{}'::int4multirange) FROM (
          SELECT int4range(d * 1440 + o, d * 1440 + CASE WHEN c > o THEN c ELSE 1440 END) AS r
            FROM (SELECT array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], day) - 1 AS d,
                         (extract(epoch FROM opens) / 60)::integer AS o,
                         (extract(epoch FROM closes) / 60)::integer AS c
                    FROM unnest(string_to_array(byday, ',')) AS day) days
           WHERE d IS NOT NULL
          UNION ALL
          SELECT int4range(((d + 1) % 7) * 1440, ((d + 1) % 7) * 1440 + c)
            FROM (SELECT array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], day) - 1 AS d,
                         (extract(epoch FROM opens) / 60)::integer AS o,
                         (extract(epoch FROM closes) / 60)::integer AS c
                    FROM unnest(string_to_array(byday, ',')) AS day) days
           WHERE d IS NOT NULL AND c < o AND c > 0
        ) spans;
      END;

    -- The dates in [from_date, to_date] a recurring rule opens on (validity included).
    CREATE FUNCTION hrl_recurring_dates(freq text, every integer, byday text, bymonthday text, dtstart date,
                                        valid_from date, valid_to date, from_date date, to_date date) RETURNS SETOF date
      LANGUAGE sql STABLE PARALLEL SAFE
      BEGIN ATOMIC
        SELECT g.d::date FROM generate_series(greatest(from_date, dtstart, valid_from)::timestamp,
                                             least(to_date, valid_to)::timestamp, interval '1 day') AS g(d)
         CROSS JOIN LATERAL (SELECT g.d::date AS day,
                                    (ARRAY['MO','TU','WE','TH','FR','SA','SU'])[extract(isodow FROM g.d)::int] AS code,
                                    extract(day FROM g.d)::int AS dom,
                                    extract(day FROM (date_trunc('month', g.d) + interval '1 month - 1 day'))::int AS last_dom,
                                    coalesce(dtstart, valid_from) AS anchor) x
         WHERE CASE WHEN freq = 'MONTHLY'
                 THEN (every = 1 OR ((extract(year FROM x.day) * 12 + extract(month FROM x.day))
                                     - (extract(year FROM x.anchor) * 12 + extract(month FROM x.anchor)))::int % every = 0)
                  AND (byday = '' OR EXISTS (
                        SELECT 1 FROM unnest(string_to_array(byday, ',')) AS t(item)
                         WHERE right(t.item, 2) = x.code
                           AND (t.item !~ '^[+-]?[0-9]'
                                OR (left(t.item, -2)::int > 0 AND (x.dom - 1) / 7 + 1 = left(t.item, -2)::int)
                                OR (left(t.item, -2)::int < 0 AND (x.last_dom - x.dom) / 7 + 1 = -left(t.item, -2)::int))))
                  AND (bymonthday IS NULL OR EXISTS (
                        SELECT 1 FROM unnest(string_to_array(bymonthday, ',')) AS m(n)
                         WHERE m.n::int = x.dom OR (m.n::int < 0 AND x.last_dom + 1 + m.n::int = x.dom)))
                 ELSE x.code = ANY(string_to_array(byday, ','))
                  AND ((x.day - (x.anchor - (extract(isodow FROM x.anchor)::int - 1))) / 7) % every = 0
               END;
      END;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP FUNCTION hrl_recurring_dates(text, integer, text, text, date, date, date, date, date);
    DELETE FROM schedules WHERE freq <> 'WEEKLY' OR "interval" <> 1;
    ALTER TABLE schedules
      DROP CONSTRAINT schedules_freq_check,
      DROP CONSTRAINT schedules_byday_check,
      DROP COLUMN "interval", DROP COLUMN bymonthday, DROP COLUMN dtstart,
      ADD CONSTRAINT schedules_freq_check CHECK (freq = 'WEEKLY'),
      ADD CONSTRAINT schedules_byday_check CHECK (byday ~ '^${DAY}(,${DAY})*$');
  `).execute(db)
}

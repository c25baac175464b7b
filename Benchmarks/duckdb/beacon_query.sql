-- The "Suspicious Network Beacons" KQL query (shared/seed/000_090622b8d3a8b773.txt), faithful mode,
-- ported to DuckDB SQL for the benchmark. Written from the seed query and shared/spec/kql-semantics.md
-- (section numbers S1..S17, quirks Q1..Q19 below refer to it), not from the Swift engine's code. Where
-- the spec leaves a point open (UNVERIFIED: parse_url's details, IPv4 leading zeros, "" in make_set, ±inf
-- at zero spread) the port takes the same documented choice as the engine, so the comparison tests the rest.
--
-- Inputs, set by run_query.py with SET VARIABLE before this script runs:
--   input              path of a DeviceNetworkEvents CSV (header row; the generator's format)
--   now_ticks          now(), in 100 ns ticks since 1970-01-01 (Kusto's datetime resolution)
--   start_ticks        starttime (a span before now, in ticks; the query's 1d)
--   end_ticks          endtime (a span before now, in ticks; the query's 1s)
--   min_events         TotalEventsThresholdMin (15)
--   max_events         TotalEventsThresholdMax when set (beacon-triage's --max-events); null derives it
--   jitter             JitterThreshold, percent (50)
--   outlier_max        OutlierThresholdMax (2)
--   outlier_count_max  OutlierCountMax (3)
--   device_count_max   CompromisedDeviceCountMax (10)
-- The script defines macros and the view `beacons`; the caller selects from it (and times that).
--
-- What this port cannot reproduce bit for bit (the comparison allows for it):
--   * series_stats' variance: Kusto's arithmetic is undocumented (S3). Here it is the exact rational
--     value from integer sums, rounded once; Welford or another running form differs in the last digits,
--     so stdev, variance, Jitter and BeaconSleepMin/Max agree to ~1e-15 relative, not bit for bit.
--   * percentiles(): Kusto estimates them with a T-Digest (S2, Q18); this port, like the engine,
--     computes exact nearest rank, which is what Kusto returns for small groups only.
-- What it assumes of the input (the generator's output; the engine also checks and skips bad rows):
--   every Timestamp parses (ISO 8601, UTC), RemotePort is empty or an integer, no malformed row.

-- Datetime ticks are 100 ns (S4, S5): DuckDB's TIMESTAMP is only microseconds, and rounding a
-- timestamp to coarser units moves events across second boundaries and merges distinct timestamps
-- (S4 "implementation pitfall"). So the CSV is read as TIMESTAMP_NS and kept as integer 100 ns ticks.

-- floor(ticks / 1 s), exactly, also before 1970 (integer `//` truncates towards zero).
CREATE OR REPLACE TEMP MACRO kql_floor_seconds(ticks) AS
    (ticks // 10000000) - CASE WHEN ticks % 10000000 < 0 THEN 1 ELSE 0 END;

-- datetime_diff('second', a, b) counts second boundaries, not elapsed time (S4, Q6): floor both, subtract.
CREATE OR REPLACE TEMP MACRO kql_datetime_diff_seconds(a, b) AS
    kql_floor_seconds(a) - kql_floor_seconds(b);

-- Ticks as Kusto prints a datetime: ISO 8601 UTC with 7 fractional digits.
CREATE OR REPLACE TEMP MACRO kql_datetime_text(ticks) AS
    strftime(make_timestamp(kql_floor_seconds(ticks) * 1000000), '%Y-%m-%dT%H:%M:%S')
    || '.' || lpad((ticks - kql_floor_seconds(ticks) * 10000000)::VARCHAR, 7, '0') || 'Z';

-- ipv4_is_private(ip) (S7): true for 10/8, 172.16/12, 192.168/16 only; an optional /prefix masks the
-- address first; NULL when the text is not a strict dotted quad (IPv6, ::ffff:a.b.c.d, garbage: Q3).
-- Octets are 1-3 digits, 0..255, without a leading zero (the engine's and the reference's choice;
-- Kusto's parser is undocumented). A NULL result makes `not(...)` NULL, and WHERE drops the row.
-- Without a prefix (every row of real exports) the ranges are tested on the text, which is cheaper
-- per row than the arithmetic; a prefix takes the arithmetic. (CASE evaluates only the branch a row needs.)
-- (Bit operators share one precedence level in DuckDB, left to right: every shift is parenthesised.)
CREATE OR REPLACE TEMP MACRO kql_ipv4_value(quad) AS
    (split_part(quad, '.', 1)::BIGINT << 24) | (split_part(quad, '.', 2)::BIGINT << 16)
    | (split_part(quad, '.', 3)::BIGINT << 8) | split_part(quad, '.', 4)::BIGINT;
CREATE OR REPLACE TEMP MACRO kql_prefix_mask(prefix) AS
    CASE WHEN prefix = 0 THEN 0 ELSE (4294967295::BIGINT << (32 - prefix)) & 4294967295 END;
-- 10/8, 172.16/12 (0xAC1 = 2753), 192.168/16 (0xC0A8 = 49320).
CREATE OR REPLACE TEMP MACRO kql_is_rfc1918(address) AS
    (address >> 24) = 10 OR (address >> 20) = 2753 OR (address >> 16) = 49320;
CREATE OR REPLACE TEMP MACRO kql_ipv4_is_private(ip) AS
    CASE
        WHEN NOT regexp_full_match(ip,
            '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])){3}(/([0-2]?[0-9]|3[0-2]))?')
            THEN NULL
        WHEN NOT contains(ip, '/')
            THEN regexp_matches(ip, '^(10\.|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.)')
        ELSE kql_is_rfc1918(kql_ipv4_value(split_part(ip, '/', 1))
                            & kql_prefix_mask(split_part(ip, '/', 2)::INTEGER))
    END;

-- reverse(s) reverses the characters (S8): per Unicode scalar, as string_split(s, '') splits
-- (DuckDB's own reverse() keeps grapheme clusters together, which would differ on combining marks).
CREATE OR REPLACE TEMP MACRO kql_reverse(s) AS array_to_string(list_reverse(string_split(s, '')), '');

-- tostring(parse_url(url).Host) (S8; the details are UNVERIFIED in the spec, chosen as the engine and the
-- reference do): no `scheme://` (scheme = letter then letters, digits, + - .) gives ""; the authority runs
-- to the first / ? or #; userinfo up to the last @ is dropped; a bracketed IPv6 literal keeps its
-- brackets (an unclosed [ gives ""); otherwise the host ends at the first : (the port). Case is kept.
-- (regexp_extract gives "" when nothing matches.)
CREATE OR REPLACE TEMP MACRO kql_url_authority(url) AS
    regexp_replace(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.\-]*://([^/?#]*)', 1), '(?s)^.*@', '');
CREATE OR REPLACE TEMP MACRO kql_host_of_authority(authority) AS
    CASE WHEN starts_with(authority, '[') THEN regexp_extract(authority, '^\[[^\]]*\]')
         ELSE split_part(authority, ':', 1) END;
CREATE OR REPLACE TEMP MACRO kql_parse_url_host(url) AS kql_host_of_authority(kql_url_authority(url));

-- The query's domain expression (S8, Q9):
--   Host = tostring(parse_url(iif(RemoteUrl !startswith "http", strcat(@'http://', RemoteUrl), RemoteUrl)).Host)
--   domain = reverse(replace(@'([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*', @'\1', reverse(Host)))
-- `startswith` ignores case (ASCII): `httpbin.org` is taken as a URL, has no scheme, and gives "".
-- (lower() then a byte prefix: no non-ASCII character lowercases to h, t or p.)
-- DuckDB's regexes are RE2, as Kusto's: the pattern is used as written, `[A-z]` quirk included, and
-- the 'g' flag replaces every non-overlapping match as Kusto's replace() does.
CREATE OR REPLACE TEMP MACRO kql_domain(remote_url) AS
    kql_reverse(regexp_replace(
        kql_reverse(kql_parse_url_host(
            CASE WHEN starts_with(lower(remote_url), 'http') THEN remote_url ELSE 'http://' || remote_url END)),
        '([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*', '\1', 'g'));

-- Percentile by linear interpolation (R-7), as series_outliers computes its fences (S1); 1-based list.
-- Evaluated literally as idx = p/100*(n-1), v[lo] + (idx-lo)*(v[hi]-v[lo]), in doubles, because the
-- spec matched Kusto's published scores bit for bit only in that order. (`/` is double division.)
CREATE OR REPLACE TEMP MACRO kql_interpolate(sorted, idx) AS
    sorted[floor(idx)::BIGINT + 1]::DOUBLE
    + (idx - floor(idx)) * (sorted[ceil(idx)::BIGINT + 1]::DOUBLE - sorted[floor(idx)::BIGINT + 1]::DOUBLE);
CREATE OR REPLACE TEMP MACRO kql_percentile_linear(sorted, p) AS
    kql_interpolate(sorted, p / 100 * (len(sorted) - 1)::DOUBLE);

-- percentiles(x, P) (S2): nearest rank, the smallest member with at least P % of the values <= it,
-- rank ceil(P*N/100) computed in integers (in doubles 7/100*100 is 7.000000000000001); P = 0 is the minimum.
CREATE OR REPLACE TEMP MACRO kql_percentile_nearest_rank(sorted, p) AS
    sorted[greatest((p * len(sorted) + 99) // 100, 1)];

-- series_stats' avg (S3): sum / n, as the docs print it (32.8, where a running mean gives 32.800000000000004).
CREATE OR REPLACE TEMP MACRO kql_series_avg(series) AS list_sum(series)::DOUBLE / len(series);

-- series_stats' sample variance (divisor n - 1, S3), of an integer series, exactly: n*Σx² - (Σx)² is an
-- exact 128-bit integer, and the only roundings are its conversion and the final division. Kusto's own
-- arithmetic is undocumented (Welford and the sums forms differ in the last digits; see the header).
CREATE OR REPLACE TEMP MACRO kql_series_variance(series) AS
    (len(series) * list_sum(list_transform(series, lambda x: x::HUGEINT * x))
        - list_sum(series)::HUGEINT * list_sum(series))::DOUBLE
    / (len(series) * (len(series) - 1))::DOUBLE;

-- series_outliers' score of one element x against the fences (S1): ((x - P) / (P90 - P10)) * NF in that
-- order, NF = 2.772605605507915; 0 between the fences. When P10 = P90 an element outside divides by zero:
-- IEEE ±inf (DuckDB's double division), which the query's `> 2` / `< -3` counts (Q13, the faithful default).
CREATE OR REPLACE TEMP MACRO kql_outlier_score(x, p10, p90) AS
    CASE WHEN x > p90 THEN ((x - p90) / (p90 - p10)) * 2.772605605507915::DOUBLE
         WHEN x < p10 THEN ((x - p10) / (p90 - p10)) * 2.772605605507915::DOUBLE
         ELSE 0::DOUBLE END;

-- The events as Kusto sees the table. A table macro, not a CTE: the candidates and the Domains lookback
-- each scan the file with only the columns they need. (A CTE read twice is materialised whole by DuckDB,
-- all columns of every event: 3.4 GB and 3x the time on 10M events.)
CREATE OR REPLACE TEMP MACRO kql_events() AS TABLE
    SELECT
        epoch_ns("Timestamp") // 100 AS ticks,
        -- Kusto strings have no null (S6): an empty CSV cell is "", and "" !in (...) is true.
        coalesce(DeviceId, '') AS DeviceId,
        coalesce(DeviceName, '') AS DeviceName,
        coalesce(ActionType, '') AS ActionType,
        coalesce(RemoteIP, '') AS RemoteIP,
        -- RemotePort is Kusto's int: an empty cell is null (Q8 below).
        RemotePort,
        coalesce(RemoteUrl, '') AS RemoteUrl,
        coalesce(RemoteIPType, '') AS RemoteIPType,
        coalesce(InitiatingProcessFileName, '') AS InitiatingProcessFileName,
        coalesce(InitiatingProcessAccountName, '') AS InitiatingProcessAccountName,
        coalesce(InitiatingProcessAccountDomain, '') AS InitiatingProcessAccountDomain
    -- RFC 4180 quotes stated, not sniffed: a glob of hourly files is sniffed file by file, and an hour
    -- without a quoted cell would be read as unquoted.
    FROM read_csv(getvariable('input'), header = true, auto_detect = true, quote = '"', escape = '"',
                  types = {'Timestamp': 'TIMESTAMP_NS', 'DeviceId': 'VARCHAR', 'DeviceName': 'VARCHAR',
                           'ActionType': 'VARCHAR', 'RemoteIP': 'VARCHAR', 'RemotePort': 'INTEGER',
                           'RemoteUrl': 'VARCHAR', 'RemoteIPType': 'VARCHAR',
                           'InitiatingProcessFileName': 'VARCHAR', 'InitiatingProcessAccountName': 'VARCHAR',
                           'InitiatingProcessAccountDomain': 'VARCHAR'});

CREATE OR REPLACE TEMP VIEW beacons AS
WITH
-- Stage 1, the where clauses of BeaconCandidates (S15 step 1).
filtered AS (
    SELECT * FROM kql_events()
    -- `Timestamp between (ago(starttime)..ago(endtime))`: inclusive at both ends; one now() (S9).
    WHERE ticks BETWEEN getvariable('now_ticks') - getvariable('start_ticks')
                    AND getvariable('now_ticks') - getvariable('end_ticks')
      -- `!in` is case-sensitive and exact (S7); Broadcast, Teredo, "" ... pass (Q4).
      AND RemoteIPType NOT IN ('Reserved', 'Private', 'LinkLocal', 'Loopback')
      AND RemoteIP <> '' AND RemoteIP NOT IN ('0.0.0.0')
      -- `not(ipv4_is_private(RemoteIP))`: NULL for non-IPv4 drops every IPv6 destination (Q3).
      AND NOT kql_ipv4_is_private(RemoteIP)
      -- The list as written, typos included: only ConnectionSuccess can match (Q1).
      AND ActionType IN ('ConnectionSuccess', 'CsonnectionRequest', 'CsonnectionFailed')
),
-- `summarize make_set(Timestamp) by` the seven keys, then `array_sort_asc` (S5): distinct ticks, so
-- duplicate timestamps collapse (Q5). Group keys compare exactly, case-sensitive (Q19); a null
-- RemotePort is a group of its own here, as in Kusto's summarize.
timestamp_sets AS (
    SELECT DeviceId, DeviceName, InitiatingProcessAccountName, InitiatingProcessAccountDomain,
           InitiatingProcessFileName, RemoteIP, RemotePort,
           list_sort(list_distinct(list(ticks))) AS ts
    FROM filtered
    GROUP BY ALL
),
-- `array_length(set_Timestamp) > TotalEventsThresholdMin and < TotalEventsThresholdMax` (S9, Q11):
-- the maximum is toint((starttime - endtime) / 1ms), a real truncated to int32, null when it does not
-- fit, and `n < null` is never true, so then nothing survives.
sized AS (
    SELECT * FROM timestamp_sets
    WHERE len(ts) > getvariable('min_events')
      AND len(ts) < coalesce(getvariable('max_events'),
                             (SELECT CASE WHEN q >= -2147483648 AND q < 2147483648 THEN trunc(q)::BIGINT END
                              FROM (SELECT (getvariable('start_ticks') - getvariable('end_ticks')) / 10000 AS q)))
),
-- The mv-apply block (S6): per group, the deltas between consecutive distinct timestamps,
-- datetime_diff('second', next, this). Its `where next... == ...` keeps rows 0..n-2 and drops the last
-- (no next). `nextRemotePort == RemotePort` is null on every row when the port is null, so such a group
-- vanishes (Q8); filtering it here is the same since nothing before the jitter filter looks at it.
deltas AS (
    SELECT *,
           list_transform(range(1, len(ts)), lambda i: kql_datetime_diff_seconds(ts[i + 1], ts[i])) AS TimeDeltaList
    FROM sized
    WHERE RemotePort IS NOT NULL
),
-- The inner summarize and series_stats (S6, S3, Q7).
statistics AS (
    SELECT *,
           len(TimeDeltaList) AS count_,                                -- n - 1 deltas
           ts[1] AS min_ticks,
           ts[len(ts) - 1] AS max_ticks,                                -- the penultimate event (Q7)
           kql_datetime_diff_seconds(ts[len(ts) - 1], ts[1]) AS Duration,
           list_sort(TimeDeltaList) AS sorted_deltas,
           -- series_stats: min/max and the first (0-based) index of each; avg = sum / n (S3).
           list_min(TimeDeltaList)::DOUBLE AS TimeDeltaInSeconds_min,
           list_position(TimeDeltaList, list_min(TimeDeltaList)) - 1 AS TimeDeltaInSeconds_min_index,
           list_max(TimeDeltaList)::DOUBLE AS TimeDeltaInSeconds_max,
           list_position(TimeDeltaList, list_max(TimeDeltaList)) - 1 AS TimeDeltaInSeconds_max_index,
           kql_series_avg(TimeDeltaList) AS TimeDeltaInSeconds_avg,
           kql_series_variance(TimeDeltaList) AS TimeDeltaInSeconds_variance
    FROM deltas
),
measured AS (
    SELECT *,
           sqrt(TimeDeltaInSeconds_variance) AS TimeDeltaInSeconds_stdev,
           -- Jitter = (stdev / avg) * 100: all-zero deltas give 0/0 = NaN, and NaN < 50 is false (Q15).
           (sqrt(TimeDeltaInSeconds_variance) / TimeDeltaInSeconds_avg) * 100 AS Jitter,
           TimeDeltaInSeconds_avg - sqrt(TimeDeltaInSeconds_variance) AS BeaconSleepMin,
           TimeDeltaInSeconds_avg + sqrt(TimeDeltaInSeconds_variance) AS BeaconSleepMax
    FROM statistics
),
-- `where Jitter < JitterThreshold`. Materialised (a few thousand rows) because three steps read it and
-- inlining it would run everything above it three times, file scan included.
jitter_survivors AS MATERIALIZED (
    SELECT * FROM measured WHERE Jitter < getvariable('jitter')
),
-- The leftouter Domains join (S8, Q9): every event after ago(starttime + 1d), any device, process,
-- ActionType or IP type, no upper bound, keyed by RemoteIP only; make_set keeps "" (S5, assumed).
-- Only the candidates' IPs are looked up, and each distinct URL once: the join keeps every left row
-- (a candidate's own events lie in the lookback, so none is unmatched).
domains AS (
    SELECT RemoteIP, list_sort(list_distinct(list(kql_domain(RemoteUrl)))) AS Domains
    FROM (SELECT DISTINCT RemoteIP, RemoteUrl FROM kql_events()
          WHERE ticks > getvariable('now_ticks') - getvariable('start_ticks') - 864000000000
            AND RemoteIP IN (SELECT RemoteIP FROM jitter_survivors))
    GROUP BY RemoteIP
),
-- PotentialBeacons (S11, Q10): dcount(DeviceId) per (process, IP, port) over the jitter survivors, kept
-- when <= CompromisedDeviceCountMax; dcount is exact below 1,000 distinct values (S10), so count(DISTINCT).
device_counts AS (
    SELECT InitiatingProcessFileName, RemoteIP, RemotePort, count(DISTINCT DeviceId) AS dcount_DeviceId
    FROM jitter_survivors
    GROUP BY ALL
    HAVING count(DISTINCT DeviceId) <= getvariable('device_count_max')
),
potential AS (
    SELECT candidate.*, device_counts.dcount_DeviceId
    FROM jitter_survivors AS candidate
    JOIN device_counts USING (InitiatingProcessFileName, RemoteIP, RemotePort)
),
-- ImpossibleBeaconsByTimeDelta (S1, S12): series_outliers (ctukey, P10/P90 by R-7, the score above);
-- `mv-expand` zips deltas and scores; a delta counts when its score > OutlierThresholdMax or
-- < -1 * OutlierCountMax (Q2: -3, not -2).
fences AS (
    SELECT *,
           kql_percentile_linear(sorted_deltas, 10) AS p10,
           kql_percentile_linear(sorted_deltas, 90) AS p90
    FROM potential
),
scores AS (
    SELECT *, list_transform(TimeDeltaList, lambda x: kql_outlier_score(x::DOUBLE, p10, p90)) AS outlier_scores
    FROM fences
),
outlier_counts AS (
    SELECT *,
           len(list_filter(outlier_scores, lambda score:
               score > getvariable('outlier_max') OR score < -1 * getvariable('outlier_count_max'))) AS outliers
    FROM scores
)
-- `join kind=leftantisemi` removes groups with more than OutlierCountMax outliers (at least 4);
-- `Timestamp = min_Timestamp`; `order by Jitter asc, TimeDeltaInSeconds_avg asc`, ties (undefined in
-- Kusto, Q16) by the seven keys.
SELECT
    o.DeviceId, o.DeviceName, o.InitiatingProcessAccountName, o.InitiatingProcessAccountDomain,
    o.InitiatingProcessFileName, o.RemoteIP, o.RemotePort, o.dcount_DeviceId, o.count_,
    kql_datetime_text(o.min_ticks) AS min_Timestamp,
    kql_datetime_text(o.max_ticks) AS max_Timestamp,
    o.Duration,
    kql_percentile_nearest_rank(o.sorted_deltas, 5) AS percentile_TimeDeltaInSeconds_5,
    kql_percentile_nearest_rank(o.sorted_deltas, 25) AS percentile_TimeDeltaInSeconds_25,
    kql_percentile_nearest_rank(o.sorted_deltas, 50) AS percentile_TimeDeltaInSeconds_50,
    kql_percentile_nearest_rank(o.sorted_deltas, 75) AS percentile_TimeDeltaInSeconds_75,
    kql_percentile_nearest_rank(o.sorted_deltas, 95) AS percentile_TimeDeltaInSeconds_95,
    o.TimeDeltaList,
    o.TimeDeltaInSeconds_min, o.TimeDeltaInSeconds_min_index,
    o.TimeDeltaInSeconds_max, o.TimeDeltaInSeconds_max_index,
    o.TimeDeltaInSeconds_avg, o.TimeDeltaInSeconds_stdev, o.TimeDeltaInSeconds_variance,
    o.Jitter, o.BeaconSleepMin, o.BeaconSleepMax,
    d.Domains,
    kql_datetime_text(o.min_ticks) AS "Timestamp"
FROM outlier_counts AS o
LEFT JOIN domains AS d USING (RemoteIP)
WHERE o.outliers <= getvariable('outlier_count_max')
ORDER BY o.Jitter, o.TimeDeltaInSeconds_avg,
         o.DeviceId, o.DeviceName, o.InitiatingProcessAccountName, o.InitiatingProcessAccountDomain,
         o.InitiatingProcessFileName, o.RemoteIP, o.RemotePort;

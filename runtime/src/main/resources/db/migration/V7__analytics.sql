-- The dashboard's analytics, kept as running totals in the same transaction as the facts they come from
-- (runtime/.../analytics/Rollups), so a page reads a few hundred rows however many instances the store holds.
-- Keyed by tenant first like every table; community_id '' is "no community". day is the UTC epoch day.
-- Counting starts when this migration is applied: facts written before it are not rolled up.

-- Per journey and community: people who entered, were not let in, reached the goal (and its value), finished.
-- People active now = entered - finished.
CREATE TABLE journey_totals (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    entered      BIGINT  NOT NULL,
    not_entered  BIGINT  NOT NULL,
    goals        BIGINT  NOT NULL,
    goal_value   ${real} NOT NULL,
    finished     BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, community_id)
);

-- The same per day, for conversion over time.
CREATE TABLE journey_days (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    day          INTEGER NOT NULL,
    entered      BIGINT  NOT NULL,
    goals        BIGINT  NOT NULL,
    goal_value   ${real} NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, community_id, day)
);

-- Per map stage: how many reached it and how many left it (in it now = reached - left_count).
CREATE TABLE stage_totals (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    community_id TEXT    NOT NULL,
    stage        TEXT    NOT NULL,
    reached      BIGINT  NOT NULL,
    left_count   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, version, community_id, stage)
);

-- How people left a stage: the outcome (advanced, goal, exited, ended…) and the map barrier ('' for none).
CREATE TABLE stage_exits (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    community_id TEXT    NOT NULL,
    stage        TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    barrier      TEXT    NOT NULL,
    people       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, version, community_id, stage, outcome, barrier)
);

-- Time in stage as a histogram of geometric buckets (DurationBuckets: each 20% wider than the one before),
-- enough for a median and a 90th percentile within 10%.
CREATE TABLE stage_durations (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    community_id TEXT    NOT NULL,
    stage        TEXT    NOT NULL,
    bucket       INTEGER NOT NULL,
    people       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, version, community_id, stage, bucket)
);

-- A/B splits: per split step and variant, people assigned and goals reached.
CREATE TABLE split_totals (
    tenant_id    TEXT   NOT NULL,
    journey_id   TEXT   NOT NULL,
    community_id TEXT   NOT NULL,
    step         TEXT   NOT NULL,
    variant      TEXT   NOT NULL,
    entered      BIGINT NOT NULL,
    goals        BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, community_id, step, variant)
);

-- The web of journeys: people handed from one journey to another.
CREATE TABLE handoff_totals (
    tenant_id    TEXT   NOT NULL,
    from_journey TEXT   NOT NULL,
    to_journey   TEXT   NOT NULL,
    community_id TEXT   NOT NULL,
    handed       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, from_journey, to_journey, community_id)
);

-- Per community and day, counters the outcomes page divides: 'event:<type>' (events processed, by type),
-- 'nps:promoter' / 'nps:passive' / 'nps:detractor' (feedback scores 9-10, 7-8, 0-6).
CREATE TABLE community_days (
    tenant_id    TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    day          INTEGER NOT NULL,
    metric       TEXT    NOT NULL,
    amount       ${real} NOT NULL,
    PRIMARY KEY (tenant_id, community_id, day, metric)
);

-- Every lead (lead.created, form.submitted), for speed to lead: the first message sent to the contact after it.
CREATE TABLE leads (
    tenant_id    TEXT    NOT NULL,
    event_key    TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    contact_id   TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    lead_at      BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, event_key)
);
CREATE INDEX leads_community ON leads (tenant_id, community_id, lead_at);

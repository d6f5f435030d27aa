-- The durable runtime's schema, shared by SQLite and PostgreSQL. Placeholders fill in the two
-- places where the dialects differ: ${seq_pk} (an increasing 64-bit key) and ${real} (a float).
-- Times are epoch milliseconds (BIGINT); engine values are JSON text written by StateJson.
-- Every table is keyed by tenant first; contact-scoped rows carry their partition,
-- StableHash.bucket(tenant + "/" + contact, P), so the schema can be distributed without change.

-- The append-only log of inputs: ingested and emitted events, fired timers, commands. Workers read
-- it per partition in seq order; the idempotency key is unique per tenant.
CREATE TABLE event_log (
    seq         ${seq_pk},
    tenant_id   TEXT    NOT NULL,
    event_key   TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    contact_id  TEXT,
    type        TEXT    NOT NULL,
    occurred_at BIGINT  NOT NULL,
    received_at BIGINT  NOT NULL,
    body        TEXT    NOT NULL,
    CONSTRAINT event_log_key UNIQUE (tenant_id, event_key)
);
CREATE INDEX event_log_partition ON event_log (partition, seq);
CREATE INDEX event_log_history ON event_log (tenant_id, contact_id, type, occurred_at);

-- How far each partition has been processed: the offset commits with the input's results.
-- Partitions span tenants (the hash includes the tenant), so this table is runtime-wide.
CREATE TABLE partition_offsets (
    partition  INTEGER PRIMARY KEY,
    last_seq   BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);

CREATE TABLE communities (
    tenant_id    TEXT   NOT NULL,
    community_id TEXT   NOT NULL,
    portfolio_id TEXT,
    view         TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, community_id)
);
CREATE INDEX communities_portfolio ON communities (tenant_id, portfolio_id);

-- A person, with the preferences audience fan-out filters on as indexed columns.
CREATE TABLE contacts (
    tenant_id        TEXT    NOT NULL,
    contact_id       TEXT    NOT NULL,
    partition        INTEGER NOT NULL,
    community_id     TEXT,
    roles            TEXT    NOT NULL,
    pref_budget      ${real},
    pref_bedrooms    ${real},
    pref_move_date   TEXT,
    last_activity_at BIGINT,
    view             TEXT    NOT NULL,
    updated_at       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, contact_id)
);
CREATE INDEX contacts_community ON contacts (tenant_id, community_id, last_activity_at);
CREATE INDEX contacts_budget ON contacts (tenant_id, pref_budget);
CREATE INDEX contacts_bedrooms ON contacts (tenant_id, pref_bedrooms);
CREATE INDEX contacts_move_date ON contacts (tenant_id, pref_move_date);
CREATE INDEX contacts_activity ON contacts (tenant_id, last_activity_at);

CREATE TABLE contact_roles (
    tenant_id  TEXT NOT NULL,
    role       TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, role, contact_id)
);
CREATE INDEX contact_roles_contact ON contact_roles (tenant_id, contact_id);

-- How events name people: an external id per source, a verified email or phone.
CREATE TABLE contact_identities (
    tenant_id  TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    contact_id TEXT    NOT NULL,
    verified   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kind, value)
);
CREATE INDEX contact_identities_contact ON contact_identities (tenant_id, contact_id);

-- The parties of a thing: every resident of a lease, the co-applicants and guarantor of an application.
CREATE TABLE parties (
    tenant_id    TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    contact_id   TEXT NOT NULL,
    role         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_type, subject_id, contact_id)
);

CREATE TABLE journey_versions (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    yaml         TEXT    NOT NULL,
    published_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, version)
);

-- Journeys switched on or off per community; community_id '' is the tenant-wide default.
CREATE TABLE journey_enablement (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    enabled      INTEGER NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, community_id)
);

-- A tenant's (community_id '') or a community's overrides of a journey's settings, as a JSON object.
CREATE TABLE setting_overrides (
    tenant_id    TEXT   NOT NULL,
    journey_id   TEXT   NOT NULL,
    community_id TEXT   NOT NULL,
    settings     TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, community_id)
);

CREATE TABLE instances (
    tenant_id    TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    contact_id   TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    instance_key TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    active       INTEGER NOT NULL,
    stage        TEXT    NOT NULL,
    step         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    created_seq  BIGINT  NOT NULL,
    created_no   INTEGER NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, instance_id)
);
CREATE INDEX instances_contact ON instances (tenant_id, contact_id, active);
CREATE INDEX instances_journey ON instances (tenant_id, journey_id, status, stage);

-- How often and when a contact entered a journey for a key, for entry rules.
CREATE TABLE entries (
    tenant_id       TEXT    NOT NULL,
    contact_id      TEXT    NOT NULL,
    journey_id      TEXT    NOT NULL,
    entry_key       TEXT    NOT NULL,
    partition       INTEGER NOT NULL,
    entered         INTEGER NOT NULL,
    last_entered_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, journey_id, entry_key)
);

-- Pending timers; scheduling the same id again replaces it (a re-planned date).
CREATE TABLE timers (
    tenant_id   TEXT    NOT NULL,
    timer_id    TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    contact_id  TEXT    NOT NULL,
    instance_id TEXT,
    journey_id  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    due_at      BIGINT  NOT NULL,
    timer       TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, timer_id)
);
CREATE INDEX timers_due ON timers (due_at, tenant_id, timer_id);

-- Messages to send, each under a deterministic key; the dispatcher retries, defers and dead-letters.
CREATE TABLE outbox (
    tenant_id       TEXT    NOT NULL,
    message_key     TEXT    NOT NULL,
    partition       INTEGER NOT NULL,
    contact_id      TEXT,
    instance_id     TEXT    NOT NULL,
    journey_id      TEXT    NOT NULL,
    step            TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    input_seq       BIGINT  NOT NULL,
    effect_no       INTEGER NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    message         TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, message_key)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, input_seq, effect_no) WHERE status = 'pending';
CREATE INDEX outbox_dead ON outbox (tenant_id, updated_at) WHERE status = 'dead';

-- What happened to each message and why: sent, deferred, skipped, failed, dead.
CREATE TABLE deliveries (
    seq         ${seq_pk},
    tenant_id   TEXT   NOT NULL,
    message_key TEXT   NOT NULL,
    contact_id  TEXT,
    channel     TEXT,
    purpose     TEXT   NOT NULL,
    outcome     TEXT   NOT NULL,
    reason      TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    until_at    BIGINT
);
CREATE INDEX deliveries_contact ON deliveries (tenant_id, contact_id, at);
CREATE INDEX deliveries_message ON deliveries (tenant_id, message_key);

CREATE TABLE tasks (
    tenant_id    TEXT    NOT NULL,
    task_key     TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    contact_id   TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    step         TEXT    NOT NULL,
    community_id TEXT,
    role         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    due_at       BIGINT  NOT NULL,
    escalate_at  BIGINT,
    escalate_to  TEXT,
    created_at   BIGINT  NOT NULL,
    closed_at    BIGINT,
    close_reason TEXT,
    PRIMARY KEY (tenant_id, task_key)
);
CREATE INDEX tasks_contact ON tasks (tenant_id, contact_id, status);
CREATE INDEX tasks_inbox ON tasks (tenant_id, role, status, due_at);

-- Analytics facts and the "why" of entries; event_id names the input a fact answers.
CREATE TABLE facts (
    seq          ${seq_pk},
    tenant_id    TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    contact_id   TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    instance_id  TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    at           BIGINT  NOT NULL,
    community_id TEXT,
    stage        TEXT,
    step         TEXT,
    event_id     TEXT,
    detail       TEXT    NOT NULL
);
CREATE INDEX facts_contact ON facts (tenant_id, contact_id, at);
CREATE INDEX facts_journey ON facts (tenant_id, journey_id, kind, at);
CREATE INDEX facts_event ON facts (tenant_id, event_id);

-- Inputs the engine could not process (a journey version missing, a defect): kept, logged, passed by,
-- so that one bad input does not stall its partition.
CREATE TABLE input_failures (
    tenant_id TEXT   NOT NULL,
    seq       BIGINT NOT NULL,
    event_key TEXT   NOT NULL,
    error     TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

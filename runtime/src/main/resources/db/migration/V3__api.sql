-- What the HTTP API keeps: API keys, inbound webhook sources and the signatures already received, the
-- property records imports and the API write, and who claimed a staff task. Shared by SQLite and PostgreSQL,
-- keyed by tenant first like every table of V1; contact-scoped rows carry their partition.
-- (V2 belongs to the channels work; Flyway applies the numbers in order whichever lands first.)

-- API keys: only the SHA-256 of each key is kept; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
    tenant_id   TEXT   NOT NULL,
    key_id      TEXT   NOT NULL,
    key_hash    TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    role        TEXT   NOT NULL,
    communities TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT,
    PRIMARY KEY (tenant_id, key_id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (tenant_id, key_hash);

-- Systems that post signed webhooks (a PMS): the shared HMAC secret, needed in clear to check signatures.
CREATE TABLE webhook_sources (
    tenant_id  TEXT   NOT NULL,
    source_id  TEXT   NOT NULL,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    PRIMARY KEY (tenant_id, source_id)
);

-- Signatures accepted within the timestamp window: the same signed request twice is a replay.
CREATE TABLE webhook_receipts (
    tenant_id   TEXT   NOT NULL,
    source_id   TEXT   NOT NULL,
    signature   TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, source_id, signature)
);
CREATE INDEX webhook_receipts_age ON webhook_receipts (tenant_id, received_at);

-- Property records (communities, floor plans, units, leases, work orders, contacts' domain records…) as
-- JSON by kind; record_id is unique within a kind (a unit's is "community/unit"). Rows about one person
-- carry the contact and its partition.
CREATE TABLE property_records (
    tenant_id    TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    community_id TEXT,
    contact_id   TEXT,
    partition    INTEGER,
    body         TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, kind, record_id)
);
CREATE INDEX property_records_community ON property_records (tenant_id, kind, community_id, record_id);
CREATE INDEX property_records_contact ON property_records (tenant_id, contact_id);

-- Who is working a staff task; the task itself stays the runtime's (tasks).
CREATE TABLE task_claims (
    tenant_id  TEXT    NOT NULL,
    task_key   TEXT    NOT NULL,
    partition  INTEGER NOT NULL,
    contact_id TEXT    NOT NULL,
    claimed_by TEXT    NOT NULL,
    claimed_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, task_key)
);

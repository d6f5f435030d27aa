-- A tenant's overrides of its journeys — settings, wording, the map's words, switches — for the whole company,
-- a portfolio or a community, as one document in the format of docs/writing-journeys.md ("Overrides"),
-- checked against the tenant's journeys when stored. It replaces setting_overrides, which knew only settings
-- and no portfolio.
CREATE TABLE journey_overrides (
    tenant_id  TEXT   NOT NULL PRIMARY KEY,
    document   TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
DROP TABLE setting_overrides;

-- A counter per tenant raised by every change of its journeys, switches or overrides in the same transaction,
-- so that every node reads its cached journeys and overrides again: workers look once per batch.
CREATE TABLE catalog_versions (
    tenant_id TEXT   NOT NULL PRIMARY KEY,
    version   BIGINT NOT NULL
);

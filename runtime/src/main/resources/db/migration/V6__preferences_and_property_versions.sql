-- Stated preferences of contacts as indexed rows, one per preference with a plain value, so that an audience
-- fan-out can filter on any of them by an index (vehicles for a released parking space, bedrooms for an
-- opening, budget_max...). This replaces the three fixed preference columns of V1, which knew only some.
-- number holds numeric values; text holds every value as text (dates compare as ISO text).
CREATE TABLE contact_preferences (
    tenant_id  TEXT    NOT NULL,
    contact_id TEXT    NOT NULL,
    partition  INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    number     ${real},
    text       TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, name)
);
CREATE INDEX contact_preferences_number ON contact_preferences (tenant_id, name, number);
CREATE INDEX contact_preferences_text ON contact_preferences (tenant_id, name, text);

DROP INDEX contacts_budget;
DROP INDEX contacts_bedrooms;
DROP INDEX contacts_move_date;
ALTER TABLE contacts DROP COLUMN pref_budget;
ALTER TABLE contacts DROP COLUMN pref_bedrooms;
ALTER TABLE contacts DROP COLUMN pref_move_date;

-- A counter per tenant, raised by every change of its property records in the same transaction, so that a
-- worker knows when the records it keeps in memory for the domain's actions are out of date.
CREATE TABLE property_versions (
    tenant_id TEXT   NOT NULL PRIMARY KEY,
    version   BIGINT NOT NULL
);

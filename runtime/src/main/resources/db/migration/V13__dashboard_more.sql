-- Speed to lead kept as it happens: each lead carries the time of the first message sent to its contact at or
-- after it, set by the dispatcher in the transaction that records the sending (runtime/.../outbox/Outcomes), so the
-- outcomes page reads one row per lead instead of searching the deliveries for each.
ALTER TABLE leads ADD COLUMN first_response_at BIGINT;

-- Leads made before this migration: their first response from the delivery log, once.
UPDATE leads SET first_response_at = (
    SELECT MIN(d.at) FROM deliveries d
    WHERE d.tenant_id = leads.tenant_id AND d.contact_id = leads.contact_id AND d.outcome = 'sent'
      AND d.at >= leads.lead_at);

-- The dispatcher finds a contact's unanswered leads by this index; answered leads leave it.
CREATE INDEX leads_unanswered ON leads (tenant_id, contact_id, lead_at) WHERE first_response_at IS NULL;

-- The outcomes page reads a community's leads of a period, newest first, with their answers, from the index alone.
DROP INDEX leads_community;
CREATE INDEX leads_community ON leads (tenant_id, community_id, lead_at, first_response_at);

-- The outcomes page sums every community's counters of a few days at once: from this index alone.
CREATE INDEX community_days_period ON community_days (tenant_id, day, community_id, metric, amount);

-- The same counters per block of 30 days (days 30 * block to 30 * block + 29), kept beside community_days in the
-- same transaction (Rollups), so a year of outcomes sums about 70 rows per community and metric instead of 365:
-- whole blocks inside the period, days at its two edges.
CREATE TABLE community_blocks (
    tenant_id    TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    block        INTEGER NOT NULL,
    metric       TEXT    NOT NULL,
    amount       ${real} NOT NULL,
    PRIMARY KEY (tenant_id, block, community_id, metric)
);
INSERT INTO community_blocks (tenant_id, community_id, block, metric, amount)
    SELECT tenant_id, community_id, day / 30, metric, SUM(amount) FROM community_days
    GROUP BY tenant_id, community_id, day / 30, metric;

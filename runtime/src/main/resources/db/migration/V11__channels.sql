-- Channels, consent and compliance: what people said about being contacted, what providers accepted,
-- portal notifications, and the receipts that make inbound webhooks replay-safe. Same conventions as V1:
-- times are epoch milliseconds, every table is keyed by tenant first, contact-scoped rows carry their
-- partition (for a row about an address no contact is known by, the partition of the address).

-- Every consent change ever recorded, with how it was expressed and when: a STOP or START text, an
-- unsubscribe link, a bounce, a complaint, a consent form. Append-only: the "why" view reads it.
CREATE TABLE consent_changes (
    seq        ${seq_pk},
    tenant_id  TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    granted    INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    contact_id TEXT,
    partition  INTEGER NOT NULL,
    at         BIGINT  NOT NULL
);
CREATE INDEX consent_changes_contact ON consent_changes (tenant_id, contact_id, at);
CREATE INDEX consent_changes_address ON consent_changes (tenant_id, channel, address, at);

-- The latest change per address and scope ('all', 'transactional', 'marketing'): what the dispatcher
-- overlays on a contact's imported consent before every send. Kept by address, because consent belongs
-- to the number or the mailbox.
CREATE TABLE consents (
    tenant_id  TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    granted    INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    contact_id TEXT,
    partition  INTEGER NOT NULL,
    at         BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, channel, address, scope)
);

-- What an email or SMS provider accepted, by message key: a repeat of a key is answered from here and
-- never sent again; delivery-status callbacks find the row by the provider's id. SMS rows record the
-- segments and encoding the message was billed as.
CREATE TABLE channel_sends (
    tenant_id    TEXT    NOT NULL,
    message_key  TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    contact_id   TEXT,
    channel      TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    provider_id  TEXT    NOT NULL,
    segments     INTEGER,
    encoding     TEXT,
    status       TEXT    NOT NULL,
    detail       TEXT,
    sent_at      BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, message_key)
);
CREATE INDEX channel_sends_provider ON channel_sends (tenant_id, provider_id);

-- Notifications shown in the resident portal, one per message key; read_at is set when the person reads it.
CREATE TABLE portal_notifications (
    tenant_id        TEXT    NOT NULL,
    notification_key TEXT    NOT NULL,
    partition        INTEGER NOT NULL,
    contact_id       TEXT    NOT NULL,
    community_id     TEXT,
    journey_id       TEXT    NOT NULL,
    step             TEXT    NOT NULL,
    purpose          TEXT    NOT NULL,
    subject          TEXT,
    body             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    read_at          BIGINT,
    PRIMARY KEY (tenant_id, notification_key)
);
CREATE INDEX portal_notifications_contact ON portal_notifications (tenant_id, contact_id, created_at);

-- Inbound provider webhooks (texts, SMS delivery statuses) already taken in, by the provider's message id
-- or by signature when it sends none: a provider's retry or a replayed request is acknowledged and not
-- applied twice. (The API's own signed webhooks keep theirs in webhook_receipts.)
CREATE TABLE inbound_receipts (
    tenant_id   TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    receipt_id  TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, source, receipt_id)
);

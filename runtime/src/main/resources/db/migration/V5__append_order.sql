-- The transaction that appended each row of the event log, so that workers read rows in commit order
-- without a lock that serialises every append (see Dialect.appendsCommittedInOrder). PostgreSQL fills it
-- itself; SQLite, with its single writer, leaves it empty.
ALTER TABLE event_log ADD COLUMN tx_id ${append_txid};

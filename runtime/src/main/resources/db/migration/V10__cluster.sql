-- Several nodes over one PostgreSQL database share the partitions by lease (runtime/cluster/PartitionLeases):
-- a row per partition with its owner, the epoch raised at every change of owner (a late commit of a former
-- owner is refused by it), and when the lease ends unless renewed. Partitions span tenants, so these tables are
-- runtime-wide. cluster_nodes records each node's heartbeat: which nodes are alive.
CREATE TABLE partition_leases (
    partition  INTEGER NOT NULL PRIMARY KEY,
    owner      TEXT,
    epoch      BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);

CREATE TABLE cluster_nodes (
    node_id      TEXT   NOT NULL PRIMARY KEY,
    heartbeat_at BIGINT NOT NULL,
    started_at   BIGINT NOT NULL
);

-- The transaction ids of V5 turned out not to order the log safely (a transaction that began earlier can append
-- later, so a row with a later sequence number can pass the snapshot's xmin before an earlier one commits).
-- Appends take a transaction-scoped lock again, at the very end of each transaction (see InputLog.append).
ALTER TABLE event_log DROP COLUMN tx_id;

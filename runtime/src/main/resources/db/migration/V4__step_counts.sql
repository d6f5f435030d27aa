-- Steps run, counted per journey version, step and community instead of a fact row each: the most
-- numerous fact by far, and what the flow graph of a journey shows. Facts with more to say about a
-- step (a timeout, a re-planned date) stay rows in facts. community_id '' is "no community".
CREATE TABLE step_counts (
    tenant_id    TEXT    NOT NULL,
    journey_id   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    step         TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    runs         BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, journey_id, version, step, community_id)
);

-- Facts are read by contact (timelines, "why") and by journey (analytics); nothing looks them up by event.
DROP INDEX facts_event;

package dev.threshold.runtime.processing;

import java.util.List;

/**
 * The workers of one node, each owning a share of the partitions (partition mod n), so that the engine's work
 * runs on several cores while each contact's inputs stay in order on one of them.
 */
public final class Workers {
    private final List<Worker> workers;

    public Workers(List<Worker> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("at least one worker is needed");
        }
        this.workers = List.copyOf(workers);
    }

    public List<Worker> all() {
        return workers;
    }

    /** One batch on each worker, one after the other; returns how many inputs were processed. */
    public int processOnce() {
        int n = 0;
        for (Worker w : workers) {
            n += w.processOnce();
        }
        return n;
    }

    /** The largest backlog of any worker (how far the slowest is behind), counted up to {@code limit}. */
    public long backlog(long limit) {
        long most = 0;
        for (Worker w : workers) {
            most = Math.max(most, w.backlog(limit));
        }
        return most;
    }

    /** Whether any worker has inputs waiting. */
    public boolean hasBacklog() {
        for (Worker w : workers) {
            if (w.hasBacklog()) {
                return true;
            }
        }
        return false;
    }
}

package dev.threshold.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes loops that pause when they find nothing to do, so that what another thread of this node has just
 * committed is taken at once rather than after the pause: ingest rings the workers, a worker that queued messages
 * rings the dispatcher. The pause stays, for work other nodes commit.
 */
final class Nudge implements Runnable {
    private final List<Thread> sleepers = new CopyOnWriteArrayList<>();

    void add(Thread t) {
        sleepers.add(t);
    }

    void clear() {
        sleepers.clear();
    }

    /** Ends the current pause of each loop, or the next one if it is busy (a permit, not a lost signal). */
    @Override
    public void run() {
        for (Thread t : sleepers) {
            LockSupport.unpark(t);
        }
    }
}

package dev.threshold.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection and one thread that commit for many callers: every job waiting when a commit starts joins
 * it, each inside its own savepoint (a job that fails is rolled back alone and its caller told), and every
 * caller is answered once the shared commit is durable. One fsync for many events is what makes durable
 * ingest fast.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_GROUP = 256;

    private record Job<T>(Transaction<T> work, CompletableFuture<T> done) {}

    private final Handle handle;
    private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommit(String name, Handle handle) {
        this.handle = handle;
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    <T> CompletableFuture<T> submit(Transaction<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new StoreException("the store is closed"));
            return done;
        }
        queue.add(new Job<>(work, done));
        return done;
    }

    private void loop() {
        List<Job<?>> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        Job<?> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StoreException("the store closed before this was committed"));
        }
    }

    private void commit(List<Job<?>> group) {
        Connection c = handle.getConnection();
        List<Runnable> answers = new ArrayList<>(group.size());
        try {
            c.setAutoCommit(false);
            for (Job<?> job : group) {
                answers.add(runOne(c, job));
            }
            c.commit();
            answers.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            StoreException failure = new StoreException("the commit failed: " + e.getMessage(), e);
            group.forEach(j -> j.done().completeExceptionally(failure));
        } finally {
            endTransaction(c);
        }
    }

    private static void endTransaction(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("cannot return the connection to auto-commit", e);
        }
    }

    /** Runs one job inside a savepoint; returns how to answer its caller once the commit is durable. */
    private <T> Runnable runOne(Connection c, Job<T> job) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = job.work().run(handle);
            c.releaseSavepoint(savepoint);
            return () -> job.done().complete(result);
        } catch (Exception e) {
            c.rollback(savepoint);
            return () -> job.done().completeExceptionally(e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package fr.vigie.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The database's only writer: one thread owns the connection and runs queued work in batches,
 * one transaction per batch (a commune's rows land together or not at all). Probes on any
 * thread submit work and go on. Thread-safe.
 */
public final class StoreWriter implements AutoCloseable {

  /** Work on the writer's connection, inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private record Task<T>(Work<T> work, CompletableFuture<T> done) {}

  private static final int MAX_BATCH = 256;

  private final Connection connection;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Task<Void> stop = new Task<>(c -> null, new CompletableFuture<>());
  private final Thread thread;
  private volatile Throwable failure;

  StoreWriter(Connection connection) {
    this.connection = connection;
    this.thread = Thread.ofPlatform().name("vigie-store-writer").daemon(true).start(this::loop);
  }

  /** Queues work; a failure shows at the next {@link #flush()}. */
  public void submit(Work<?> work) {
    if (failure != null) {
      throw new IllegalStateException(
          "the database writer failed: " + failure.getMessage(), failure);
    }
    queue.add(new Task<>(work, new CompletableFuture<>()));
  }

  /** Runs work after everything queued before it and returns its result. */
  public <T> T call(Work<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    queue.add(new Task<>(work, done));
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("database write failed: " + cause.getMessage(), cause);
    }
  }

  /** Waits until everything queued so far is committed; throws if any of it failed. */
  public void flush() {
    call(c -> null);
    if (failure != null) {
      throw new IllegalStateException(
          "the database writer failed: " + failure.getMessage(), failure);
    }
  }

  private void loop() {
    List<Task<?>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stopping = batch.remove(stop);
      run(batch);
      batch.clear();
      if (stopping) {
        stop.done().complete(null);
        return;
      }
    }
  }

  private void run(List<Task<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      connection.setAutoCommit(false);
      List<Runnable> completions = new ArrayList<>();
      for (Task<?> t : batch) {
        runInto(t, completions);
      }
      connection.commit();
      completions.forEach(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      rollback();
      // One bad task must not cost the others their rows: retry each on its own.
      for (Task<?> t : batch) {
        try {
          connection.setAutoCommit(false);
          List<Runnable> completions = new ArrayList<>();
          runInto(t, completions);
          connection.commit();
          completions.forEach(Runnable::run);
        } catch (SQLException | RuntimeException single) {
          rollback();
          failure = single;
          t.done().completeExceptionally(single);
        }
      }
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable; the next batch reports it
      }
    }
  }

  /** Runs the work now; completes its future only after the commit. */
  private <T> void runInto(Task<T> t, List<Runnable> completions) throws SQLException {
    T result = t.work().run(connection);
    completions.add(() -> t.done().complete(result));
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // nothing more can be done; the failure itself is reported
    }
  }

  @Override
  public void close() {
    if (!thread.isAlive()) {
      return;
    }
    queue.add(stop);
    try {
      stop.done().get();
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}

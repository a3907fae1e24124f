package org.porophase.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A small fixed thread pool for slab-parallel loops over the grid. Loops shorter than
 * {@link #MIN_PARALLEL} items run on the calling thread (thread hand-off costs more than it saves).
 */
public final class Par implements AutoCloseable {
    /** Work items below which a loop runs serially. */
    public static final int MIN_PARALLEL = 65536;

    /** A loop body over a half-open range. */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int hi);
    }

    /** A reduction body over a half-open range. */
    @FunctionalInterface
    public interface RangeSum {
        double run(int lo, int hi);
    }

    private final int threads;
    private final ExecutorService pool;

    /** @param threads number of threads; ≤ 0 = available processors */
    public Par(int threads) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (this.threads > 1) {
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "porophase-pf");
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(this.threads, tf);
        } else {
            pool = null;
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over [0, n) split into contiguous chunks of whole {@code grain}-sized units. */
    public void forRange(int n, int work, Range body) {
        if (pool == null || work < MIN_PARALLEL || n < 2) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(n, threads);
        List<Future<?>> fs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            final int lo = (int) ((long) n * c / chunks);
            final int hi = (int) ((long) n * (c + 1) / chunks);
            fs.add(pool.submit(() -> body.run(lo, hi)));
        }
        join(fs);
    }

    /** Parallel sum of {@code body} over [0, n). */
    public double sum(int n, int work, RangeSum body) {
        if (pool == null || work < MIN_PARALLEL || n < 2) {
            return body.run(0, n);
        }
        int chunks = Math.min(n, threads);
        List<Future<Double>> fs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            final int lo = (int) ((long) n * c / chunks);
            final int hi = (int) ((long) n * (c + 1) / chunks);
            fs.add(pool.submit(() -> body.run(lo, hi)));
        }
        double s = 0;
        for (Future<Double> f : fs) {
            try {
                s += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw rethrow(e);
            }
        }
        return s;
    }

    /** Runs {@code r} on a worker (or inline when single-threaded); {@link #await} waits for it. */
    public Future<?> submit(Runnable r) {
        if (pool == null) {
            r.run();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return pool.submit(r);
    }

    /** Waits for a task from {@link #submit}, rethrowing its exception. */
    public static void await(Future<?> f) {
        join(List.of(f));
    }

    private static void join(List<Future<?>> fs) {
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw rethrow(e);
            }
        }
    }

    private static RuntimeException rethrow(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
            return (RuntimeException) c;
        }
        if (c instanceof Error) {
            throw (Error) c;
        }
        return new IllegalStateException(c);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

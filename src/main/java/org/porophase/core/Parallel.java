package org.porophase.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one parallelisation policy of PoroPhase: loops over an index range [0, n) are split into
 * {@code min(n, threads)} contiguous chunks (chunk c = [n·c/t, n·(c+1)/t)), run on one shared pool of
 * daemon threads, and joined. The chunking depends only on n and the thread setting, never on
 * timing, so chunked reductions ({@link #sum}) are reproducible for a given thread count.
 * <ul>
 * <li>Thread setting: {@code threads ≤ 0} = all available processors (the semantics the commands
 * expose as "0 = all processors"); 1 = everything inline on the calling thread.</li>
 * <li>Loops whose {@code work} estimate (elementary operations, e.g. cells or voxels touched) is
 * below {@link #MIN_PARALLEL} run inline: the thread hand-off costs more than it saves.</li>
 * <li>One pool for the whole JVM, grown to the largest thread setting asked for; idle workers time
 * out, so nothing needs closing. The calling thread takes part: after handing out the chunks it
 * runs every chunk no worker has started yet, so nested loops (a loop inside a chunk or inside a
 * {@link #submit}ted task) cannot deadlock the pool.</li>
 * <li>An exception thrown in a chunk is rethrown on the calling thread (unchecked as is, checked
 * wrapped in {@link PoroPhaseException}).</li>
 * </ul>
 */
public final class Parallel {
    /** Work (elementary operations) below which a loop runs on the calling thread. */
    public static final int MIN_PARALLEL = 65536;

    /** A loop body over a half-open index range [lo, hi). */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int hi);
    }

    /** A reduction body over a half-open index range [lo, hi); the chunk results are added in chunk order. */
    @FunctionalInterface
    public interface RangeSum {
        double run(int lo, int hi);
    }

    private static final Parallel SERIAL = new Parallel(1);
    private static ThreadPoolExecutor pool;

    private final int threads;

    private Parallel(int threads) {
        this.threads = threads;
    }

    /** The policy for a thread setting: {@code threads ≤ 0} = all available processors. */
    public static Parallel of(int threads) {
        int t = threads(threads);
        if (t == 1) {
            return SERIAL;
        }
        ensurePool(t);
        return new Parallel(t);
    }

    /** The number of threads a setting stands for: {@code requested} if &gt; 0, else all available processors. */
    public static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    /** Threads of this policy (≥ 1). */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [0, n) in {@code min(n, threads)} contiguous chunks; inline when
     * single-threaded, {@code n < 2} or {@code work <} {@link #MIN_PARALLEL}.
     */
    public void forRange(int n, long work, Range body) {
        if (n <= 0) {
            return;
        }
        if (threads == 1 || work < MIN_PARALLEL || n < 2) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(n, threads);
        List<FutureTask<Void>> fs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            final int lo = (int) ((long) n * c / chunks);
            final int hi = (int) ((long) n * (c + 1) / chunks);
            fs.add(new FutureTask<>(() -> body.run(lo, hi), null));
        }
        runAll(fs);
    }

    /** Sum of {@code body} over [0, n): the chunks of {@link #forRange}, their results added in chunk order. */
    public double sum(int n, long work, RangeSum body) {
        if (n <= 0) {
            return 0;
        }
        if (threads == 1 || work < MIN_PARALLEL || n < 2) {
            return body.run(0, n);
        }
        int chunks = Math.min(n, threads);
        List<FutureTask<Double>> fs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            final int lo = (int) ((long) n * c / chunks);
            final int hi = (int) ((long) n * (c + 1) / chunks);
            fs.add(new FutureTask<>(() -> body.run(lo, hi)));
        }
        runAll(fs);
        double s = 0;
        for (FutureTask<Double> f : fs) {
            s += get(f);
        }
        return s;
    }

    /** Runs {@code r} on a worker (inline when single-threaded); {@link #await} waits for it. */
    public Future<?> submit(Runnable r) {
        if (threads == 1) {
            r.run();
            return CompletableFuture.completedFuture(null);
        }
        FutureTask<Void> f = new FutureTask<>(r, null);
        pool().execute(f);
        return f;
    }

    /** Waits for a task from {@link #submit} (running it here if no worker has started it), rethrowing its exception. */
    public static void await(Future<?> f) {
        if (f instanceof FutureTask<?> ft) {
            ft.run(); // no-op when a worker has started or finished it
        }
        get(f);
    }

    private static <T> void runAll(List<FutureTask<T>> fs) {
        ThreadPoolExecutor p = pool();
        for (int c = 1; c < fs.size(); c++) {
            p.execute(fs.get(c));
        }
        // the caller runs the first chunk and then every chunk still waiting for a worker
        for (FutureTask<T> f : fs) {
            f.run();
        }
        // every chunk has finished before the first failure is rethrown: no worker still runs a failed loop's body
        // while the caller cleans up after it (deletes a staging folder, starts the next item on the same pool)
        Throwable first = null;
        for (FutureTask<T> f : fs) {
            try {
                get(f);
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first != null) {
            throw (Error) first;
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoroPhaseException("parallel loop was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new PoroPhaseException("parallel loop failed: " + c, c);
        }
    }

    private static synchronized ThreadPoolExecutor pool() {
        if (pool == null) {
            ensurePool(Runtime.getRuntime().availableProcessors());
        }
        return pool;
    }

    /** Grows the shared pool to at least {@code t} workers (it never shrinks; idle workers time out). */
    private static synchronized void ensurePool(int t) {
        if (pool == null) {
            ThreadPoolExecutor p = new ThreadPoolExecutor(t, t, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread th = new Thread(r, "porophase-worker");
                th.setDaemon(true);
                return th;
            });
            p.allowCoreThreadTimeOut(true);
            pool = p;
        } else if (pool.getMaximumPoolSize() < t) {
            pool.setMaximumPoolSize(t);
            pool.setCorePoolSize(t);
        }
    }
}

package org.porophase.phasefield;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.porophase.core.PoroPhaseException;

/**
 * Allocation-free fork–join for the inner loops of the linear solvers: a loop over a vector is cut
 * into a fixed list of chunks (slabs, {@link #partition}), and each chunk is run once, by the calling
 * thread or by one of {@code threads − 1} persistent helper threads. Unlike
 * {@link org.porophase.core.Parallel}, nothing is allocated per loop (no futures, no queue nodes; the
 * task objects are created once by the caller) and idle helpers spin for a few microseconds before
 * they park, so the 5–10 loops of one CG iteration do not each pay a thread wake-up.
 *
 * <ul>
 * <li><b>Deterministic</b>: the chunks depend only on the vector size and the thread count; a
 * reduction stores one partial result per chunk and the caller adds them in chunk order. Who runs a
 * chunk never changes a result.</li>
 * <li><b>Never blocks on a helper</b>: chunks are claimed with an atomic counter; the caller claims
 * every chunk no helper has started, so an oversubscribed machine degrades to a serial loop.</li>
 * <li><b>Re-entrant use</b>: one team per thread count is shared by all solvers of the JVM. If a
 * second thread (e.g. the concentration solve running concurrently with the ξ solve) finds the team
 * busy, or a chunk body starts a nested loop, that loop runs all its chunks inline, in order — same
 * chunks, same result.</li>
 * </ul>
 */
final class SlabExecutor {
    /** A loop body over the chunk {@code chunk} = positions [lo, hi). */
    @FunctionalInterface
    interface Task {
        void run(int chunk, int lo, int hi);
    }

    /**
     * How long (ns) a waiting thread spins (Thread.onSpinWait) before it parks: about the gap between
     * two kernels of one CG iteration, so a helper stays awake through an iteration but does not burn
     * a shared core between solves. System property {@code porophase.solver.spinMicros} (default 50).
     */
    private static final long SPIN_NS = 1000L * Long.getLong("porophase.solver.spinMicros", 50L);
    private static final SlabExecutor SERIAL = new SlabExecutor(1);
    private static final ConcurrentHashMap<Integer, SlabExecutor> TEAMS = new ConcurrentHashMap<>();

    private final int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Thread[] helpers;
    /** (generation &lt;&lt; 32) | next unclaimed chunk: a claim succeeds only within its own loop. */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicIntegerArray parked;
    private volatile Thread caller;
    private volatile boolean callerParked;
    // the published loop (written before the claim word of its generation)
    private Task task;
    private int[] bounds;
    private volatile Throwable failure;

    private SlabExecutor(int threads) {
        this.threads = threads;
        helpers = new Thread[Math.max(0, threads - 1)];
        parked = new AtomicIntegerArray(helpers.length);
    }

    /** The shared team for a thread count (1 or less: everything inline on the caller). */
    static SlabExecutor of(int threads) {
        if (threads <= 1) {
            return SERIAL;
        }
        return TEAMS.computeIfAbsent(threads, SlabExecutor::new);
    }

    int threads() {
        return threads;
    }

    /**
     * Chunks per thread. More than one, so that a helper that is descheduled on a shared machine
     * (or wakes late) holds back at most a small chunk: the caller claims the rest. System property
     * {@code porophase.solver.chunksPerThread} (default 2; 1 was as fast on a quiet machine, 4 more robust under heavy load).
     */
    static final int CHUNKS_PER_THREAD = Integer.getInteger("porophase.solver.chunksPerThread", 2);

    /**
     * Chunk bounds for n positions: {@code min(CHUNKS_PER_THREAD × threads, n / minPerChunk)} chunks
     * (one when single-threaded, at least one), each boundary a multiple of {@code align} (e.g. two
     * grid planes, so that a 2×2×2 aggregate never straddles two chunks). Loops too small to pay for
     * a hand-off therefore get one chunk and run inline. Depends on n and the thread count only.
     */
    static int[] partition(int n, int threads, int align, int minPerChunk) {
        int units = (n + align - 1) / align;
        long want = threads <= 1 ? 1 : (long) CHUNKS_PER_THREAD * threads;
        int chunks = (int) Math.max(1, Math.min(want, Math.min(units, (long) n / Math.max(1, minPerChunk))));
        int[] b = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            b[c] = (int) Math.min(n, (long) units * c / chunks * align);
        }
        b[chunks] = n;
        return b;
    }

    /**
     * Fewest positions of a loop (all its chunks together) that is handed to the helpers; a shorter loop
     * runs its chunks inline, in order, on the caller: the same chunks, so the same result — the thread count
     * still fixes the numbers, this only decides who computes them. The thread policy by work size: a pass
     * over fewer cells takes 0.1–0.2 ms, about what a helper that is parked, descheduled or sharing its core
     * with the JIT compiler costs the caller, and in 2D at the default resolution (81 920 cells) two threads
     * lost to one on 2 cores with every pass split. The coarse tasks of a step (explicit terms, Aψⁿ, metrics
     * rows) still use the second thread. System property {@code porophase.solver.minParallel} (default
     * 100 000: the paper's 2D case runs its solver passes on one thread; dx 0.125 µm (128 000 cells), the
     * 0.6 µm case (1.5 M) and 3D split them).
     */
    static final int MIN_PARALLEL_POSITIONS = Integer.getInteger("porophase.solver.minParallel", 100_000);

    /** Runs {@code t} on every chunk of {@code bounds} (chunk c = [bounds[c], bounds[c+1])). */
    void run(int[] bounds, Task t) {
        int chunks = bounds.length - 1;
        if (chunks <= 1 || threads == 1 || bounds[chunks] - bounds[0] < MIN_PARALLEL_POSITIONS || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                t.run(c, bounds[c], bounds[c + 1]);
            }
            return;
        }
        try {
            ensureHelpers();
            this.task = t;
            this.bounds = bounds;
            this.failure = null;
            this.caller = Thread.currentThread();
            done.set(0);
            long gen = (claim.get() >>> 32) + 1;
            claim.set(gen << 32); // publishes task, bounds and the reset counters
            for (int h = 0; h < helpers.length; h++) {
                if (parked.get(h) != 0) {
                    LockSupport.unpark(helpers[h]);
                }
            }
            work();
            long spinEnd = System.nanoTime() + SPIN_NS;
            while (done.get() < chunks) {
                if (System.nanoTime() < spinEnd) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (done.get() < chunks) {
                        LockSupport.parkNanos(this, 50_000L);
                    }
                    callerParked = false;
                }
            }
            this.task = null;
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof RuntimeException re) {
                    throw re;
                }
                if (f instanceof Error err) {
                    throw err;
                }
                throw new PoroPhaseException("solver loop failed: " + f, f);
            }
        } finally {
            busy.set(false);
        }
    }

    /**
     * Claims and runs chunks of the current loop until none is left. The task and bounds are read
     * after the claim word and used only if the claim's compare-and-set succeeds, i.e. while that
     * loop is still open (the caller publishes a new loop only after every chunk of the old one ran).
     */
    private void work() {
        while (true) {
            long v = claim.get();
            Task t = task;
            int[] b = bounds;
            if (t == null || b == null) {
                return;
            }
            int c = (int) v;
            int chunks = b.length - 1;
            if (c >= chunks) {
                return;
            }
            if (!claim.compareAndSet(v, v + 1)) {
                continue;
            }
            try {
                t.run(c, b[c], b[c + 1]);
            } catch (Throwable e) {
                failure = e;
            }
            if (done.incrementAndGet() == chunks && callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }

    private synchronized void ensureHelpers() {
        for (int h = 0; h < helpers.length; h++) {
            if (helpers[h] == null) {
                final int id = h;
                Thread th = new Thread(() -> helperLoop(id), "porophase-solver-" + threads + "-" + h);
                th.setDaemon(true);
                helpers[h] = th;
                th.start();
            }
        }
    }

    private void helperLoop(int id) {
        long seen = claim.get() >>> 32;
        while (true) {
            long spinEnd = System.nanoTime() + SPIN_NS;
            long g;
            while ((g = claim.get() >>> 32) == seen) {
                if (System.nanoTime() < spinEnd) {
                    Thread.onSpinWait();
                } else {
                    parked.set(id, 1);
                    if (claim.get() >>> 32 == seen) {
                        LockSupport.park(this);
                    }
                    parked.set(id, 0);
                }
            }
            seen = g;
            work();
        }
    }
}

package org.porophase.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


/** Splits an index range into contiguous chunks processed by a few threads. */
public final class Parallel {
    private Parallel() {
    }

    /** A chunk worker: processes indices [from, to). */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to) throws Exception;
    }

    /** Number of threads to use: {@code requested} if &gt; 0, else all available cores. */
    public static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code chunk} over [from, to) split into at most {@code threads} contiguous parts. */
    public static void forRange(int from, int to, int threads, Chunk chunk) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int t = Math.max(1, Math.min(threads(threads), n));
        if (t == 1) {
            call(chunk, from, to);
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "porophase-volume");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < t; i++) {
                int a = from + (int) ((long) n * i / t);
                int b = from + (int) ((long) n * (i + 1) / t);
                fs.add(ex.submit(() -> {
                    call(chunk, a, b);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new PoroPhaseException("volume processing failed: " + c, c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PoroPhaseException("volume processing was interrupted", e);
                }
            }
        } finally {
            ex.shutdownNow();
        }
    }

    private static void call(Chunk c, int a, int b) {
        try {
            c.run(a, b);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PoroPhaseException("volume processing failed: " + e.getMessage(), e);
        }
    }
}

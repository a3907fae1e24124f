package org.porophase.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** {@link Parallel}: a failing loop returns only once every chunk has finished. */
class ParallelTest {

    /**
     * Chunk 0 (run by the caller) fails while chunk 1 (started on a worker) is still running: the exception reaches the
     * caller only after chunk 1 has finished, so nothing of a failed loop still runs while the caller cleans up after it
     * (deletes a staging folder, starts the next batch item).
     */
    @Test
    void aFailedLoopWaitsForItsOtherChunks() throws Exception {
        CountDownLatch workerStarted = new CountDownLatch(1);
        AtomicBoolean workerDone = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.of(2).forRange(2, Long.MAX_VALUE, (lo, hi) -> {
            if (lo == 0) {
                try {
                    workerStarted.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("chunk 0 failed");
            }
            workerStarted.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            workerDone.set(true);
        }));
        assertEquals("chunk 0 failed", e.getMessage());
        assertTrue(workerDone.get(), "the other chunk had finished when the failure was rethrown");
    }
}

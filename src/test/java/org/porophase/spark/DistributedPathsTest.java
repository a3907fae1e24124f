package org.porophase.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The paths a task opens (found on a standalone cluster, src/test/scripts/spark-standalone.sh): an executor's working
 * directory is its own ({@code work/APP/N/} on a worker), so {@code analyze test-images} reported every input as
 * "image file not found: …/work/app-…/0/test-images/…". A relative input is resolved against the driver's working
 * directory; an absolute one and a sweep point without input stay as they are.
 */
class DistributedPathsTest {
    @Test
    void relativeInputsAreTheDriversAbsoluteOnesStay() {
        String driver = Path.of("/data/run").toAbsolutePath().toString();
        Distributed.Item rel = new Distributed.Item(3, "test-images/a.tif", "a", null);
        Distributed.Item r = Distributed.resolved(rel, driver);
        assertEquals(Path.of(driver, "test-images", "a.tif").toString(), r.input());
        assertEquals(3, r.index());
        assertEquals("a", r.stem());
        String abs = Path.of("/shared/scans/b.tif").toAbsolutePath().toString();
        assertEquals(abs, Distributed.resolved(new Distributed.Item(0, abs, "b", null), driver).input());
        assertNull(Distributed.resolved(new Distributed.Item(1, null, "run-0001", null), driver).input());
    }
}

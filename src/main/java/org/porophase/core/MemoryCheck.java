package org.porophase.core;


/** Checks, before a large allocation, that the JVM heap can hold it, and says how much is needed. */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    /** Heap bytes that can still be allocated (max heap − used). */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Human-readable size. */
    public static String human(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(java.util.Locale.ROOT, "%.3g TiB", bytes / (double) (1L << 40));
        }
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " B";
    }

    /**
     * Throws a clear error when {@code bytes} cannot be allocated on the heap.
     *
     * @param what what needs the memory, for the message
     */
    public static void require(long bytes, String what) {
        long avail = availableFor(bytes);
        if (bytes > avail) {
            long max = Runtime.getRuntime().maxMemory();
            throw new PoroPhaseException(what + " needs " + human(bytes) + " of memory but only " + human(avail)
                    + " of the " + human(max) + " heap is free: start Java with a larger -Xmx (Fiji: Edit>Options>Memory), "
                    + "crop the volume (crop box) or switch this measurement off");
        }
    }

    /**
     * Guards against reading an input whose pixels cannot fit in the heap (a huge but valid image, or a
     * header that declares an absurd size): says so before any pixel is read, instead of an
     * OutOfMemoryError or a NegativeArraySizeException half-way through.
     *
     * @param bytes heap bytes the decoded data needs (from the file's header)
     * @param input the input, named first in the message
     * @throws PoroPhaseException "INPUT: too large for the available memory: needs N GiB, the Java heap has M GiB; …"
     */
    public static void requireForInput(long bytes, String input) {
        long avail = availableFor(bytes);
        if (bytes > avail) {
            long max = Runtime.getRuntime().maxMemory();
            throw new PoroPhaseException(input + ": too large for the available memory: needs " + human(bytes) + ", the Java heap has "
                    + human(max) + (avail < max - (max >> 3) ? " (" + human(Math.max(0, avail)) + " free)" : "")
                    + "; give Java more memory (java -Xmx…; Fiji: Edit>Options>Memory) or crop the image");
        }
    }

    /** The free heap, after a garbage collection when {@code bytes} does not fit at first. */
    private static long availableFor(long bytes) {
        long avail = available();
        if (bytes > avail) {
            System.gc();
            avail = available();
        }
        return avail;
    }
}

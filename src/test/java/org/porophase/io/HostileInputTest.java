package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;
import org.porophase.ui.cli.AnalyzeCommandTest;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

/**
 * Fault injection: hostile input files, generated here, must get a quick, precise message and exit
 * code 2 from every command that reads them — never a hang (each run has a timeout), a stack trace,
 * or results computed on silently wrong data — and nothing is written to the output folder.
 */
class HostileInputTest {
    /** A hang fails the test after this long instead of hanging the build. */
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    enum Cmd {
        ANALYZE, VOLUME, PHASEFIELD, COMPARE
    }

    private static final Cmd[] ALL = Cmd.values();

    /**
     * Runs each command on {@code input} and checks: exit code 2, exactly one "error: …" line naming
     * the file and containing {@code cause}, no stack trace, no "null", no output written.
     */
    private void refused(Path input, String cause, Cmd... cmds) throws IOException {
        String name = input.getFileName().toString();
        for (Cmd c : cmds) {
            Path out = dir.resolve("out-" + c.name().toLowerCase(Locale.ROOT) + "-" + name);
            String[] args = switch (c) {
                case ANALYZE -> new String[] {"analyze", input.toString(), "--out", out.toString(), "--json", "-q"};
                case VOLUME -> new String[] {"analyze-volume", input.toString(), "--out", out.toString(), "--json"};
                case PHASEFIELD -> new String[] {"phasefield", input.toString(), "--pixel-size", "0.25", "--time", "1", "-q", "--out", out.toString()};
                case COMPARE -> new String[] {"compare", input.toString(), "--out", out.toString(), "-q"};
            };
            AnalyzeCommandTest.Run r = assertTimeoutPreemptively(LIMIT, () -> AnalyzeCommandTest.run(args), c + " hangs on " + name);
            String where = c + " " + name + ": exit " + r.code() + "\nstderr: " + r.err() + "\nstdout: " + r.out();
            assertEquals(2, r.code(), where);
            List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), "one error line: " + where);
            assertEquals(1, r.err().strip().lines().count(), "the error is all of stderr, on one line: " + where);
            String e = errors.get(0);
            assertTrue(e.contains(name), "the error names the file: " + where);
            assertTrue(e.toLowerCase(Locale.ROOT).contains(cause.toLowerCase(Locale.ROOT)), "the error says '" + cause + "': " + where);
            assertFalse(r.err().contains("at org.") || r.err().contains("\tat "), "no stack trace: " + where);
            assertFalse(e.contains("null"), "no 'null' in the message: " + where);
            assertFalse(e.contains("unexpected"), "a known failure, not an unexpected exception: " + where);
            if (Files.exists(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    assertEquals(List.of(), s.toList(), "nothing written to the output folder: " + where);
                }
            }
        }
    }

    // ------------------------------------------------------------------ generated files

    private static ByteProcessor ramp(int w, int h) {
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bp.set(x, y, ((x / 8 + y / 8) & 1) * 255);
            }
        }
        return bp;
    }

    /** A binary 8-bit TIFF written by ImageJ (big-endian, IFD before the pixel data). */
    private Path imagejTiff(String name, int w, int h, int pages) {
        ImageStack st = new ImageStack(w, h);
        for (int i = 0; i < pages; i++) {
            st.addSlice(ramp(w, h));
        }
        Path f = dir.resolve(name);
        IJ.saveAsTiff(new ImagePlus("x", st), f.toString());
        return f;
    }

    /** The IFDs of a classic TIFF: {offset, position of its next-IFD pointer} each. */
    private static List<long[]> ifds(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<long[]> out = new ArrayList<>();
        long off = bb.getInt(4) & 0xFFFFFFFFL;
        while (off != 0 && out.size() < 100) {
            int n = bb.getShort((int) off) & 0xFFFF;
            long next = off + 2 + 12L * n;
            out.add(new long[] {off, next});
            off = bb.getInt((int) next) & 0xFFFFFFFFL;
        }
        return out;
    }

    /** Position of the value of tag {@code id} in the IFD at {@code ifd} (classic TIFF), -1 if absent. */
    private static int entry(byte[] b, long ifd, int id) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = bb.getShort((int) ifd) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if ((bb.getShort(e) & 0xFFFF) == id) {
                return e;
            }
        }
        return -1;
    }

    private static ByteBuffer buf(byte[] b) {
        return ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ TIFF structure

    @Test
    void truncatedTiffAtTheHeaderInTheIfdAndInThePixelData() throws Exception {
        Path good = imagejTiff("good.tif", 64, 48, 1);
        byte[] all = Files.readAllBytes(good);
        long ifd = ifds(all).get(0)[0];
        Path header = Files.write(dir.resolve("cut-header.tif"), Arrays.copyOf(all, 6));
        refused(header, "truncated", ALL);
        Path inIfd = Files.write(dir.resolve("cut-ifd.tif"), Arrays.copyOf(all, (int) ifd + 30));
        refused(inIfd, "truncated", ALL);
        Path inPixels = Files.write(dir.resolve("cut-pixels.tif"), Arrays.copyOf(all, all.length - 64 * 20));
        refused(inPixels, "truncated", ALL);
        // TiffWriter puts the IFD after the pixels: a cut in the pixels loses the IFD too
        byte[] lw = TiffWriter.encode(ramp(64, 48), new TiffWriter.Options());
        Path lost = Files.write(dir.resolve("cut-lost-ifd.tif"), Arrays.copyOf(lw, 8 + 64 * 24));
        refused(lost, "truncated", ALL);
    }

    @Test
    void selfLoopingIfd() throws Exception {
        byte[] b = TiffWriter.encode(ramp(64, 48), new TiffWriter.Options());
        long[] ifd = ifds(b).get(0);
        buf(b).putInt((int) ifd[1], (int) ifd[0]);
        Path f = Files.write(dir.resolve("loop1.tif"), b);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TiffTags.layout(f));
        assertTrue(e.getMessage().contains("IFD 1 points back to IFD 1 (a loop)"), e.getMessage());
        refused(f, "a loop", ALL);
    }

    @Test
    void twoIfdLoop() throws Exception {
        Path good = imagejTiff("two.tif", 32, 24, 3);
        byte[] b = Files.readAllBytes(good);
        List<long[]> ifds = ifds(b);
        assertEquals(3, ifds.size());
        buf(b).putInt((int) ifds.get(1)[1], (int) ifds.get(0)[0]); // IFD 2 → IFD 1
        Path f = Files.write(dir.resolve("loop2.tif"), b);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TiffTags.layout(f));
        assertTrue(e.getMessage().contains("IFD 2 points back to IFD 1 (a loop)"), e.getMessage());
        refused(f, "a loop", ALL);
    }

    @Test
    void nextIfdIntoTheMiddleOfAnIfdAndOutsideTheFile() throws Exception {
        byte[] b = TiffWriter.encode(ramp(64, 48), new TiffWriter.Options());
        long[] ifd = ifds(b).get(0);
        buf(b).putInt((int) ifd[1], (int) ifd[0] + 6);
        Path f = Files.write(dir.resolve("into.tif"), b);
        refused(f, "corrupt TIFF", Cmd.ANALYZE, Cmd.PHASEFIELD);
        buf(b).putInt((int) ifd[1], 0x7FFF0000);
        Path g = Files.write(dir.resolve("outside.tif"), b);
        refused(g, "outside the file", Cmd.ANALYZE, Cmd.VOLUME);
    }

    @Test
    void bigTiffSelfLoop() throws Exception {
        // a minimal BigTIFF: 16-byte header, one IFD of 5 entries whose next-IFD pointer is itself
        int n = 5;
        int ifd = 16;
        int pixels = ifd + 8 + 20 * n + 8;
        ByteBuffer b = ByteBuffer.allocate(pixels + 16 * 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(ifd);
        b.putLong(n);
        long[][] tags = {{256, 3, 1, 16}, {257, 3, 1, 16}, {258, 3, 1, 8}, {273, 16, 1, pixels}, {279, 16, 1, 256}};
        for (long[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putLong(t[2]).putLong(t[3]);
        }
        b.putLong(ifd);
        Path f = Files.write(dir.resolve("bigloop.tif"), b.array());
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TiffTags.layout(f));
        assertTrue(e.getMessage().contains("IFD 1 points back to IFD 1 (a loop)"), e.getMessage());
        refused(f, "a loop", Cmd.ANALYZE, Cmd.VOLUME, Cmd.PHASEFIELD);
        // the same file without the loop is a valid BigTIFF structure
        b.putLong(pixels - 8, 0);
        Files.write(f, b.array());
        TiffTags.Layout l = TiffTags.layout(f);
        assertTrue(l.bigTiff());
        assertEquals(1, l.pages());
        assertEquals(16, l.width());
    }

    @Test
    void absurdTagCount() throws Exception {
        byte[] b = TiffWriter.encode(ramp(64, 48), new TiffWriter.Options());
        long ifd = ifds(b).get(0)[0];
        int e = entry(b, ifd, 273);
        buf(b).putInt(e + 4, 0x7FFFFFFF); // StripOffsets: 2 billion values
        Path f = Files.write(dir.resolve("count.tif"), b);
        refused(f, "values", ALL);
    }

    @Test
    void absurdDeclaredSizeIsTooLargeNotCorrupt() throws Exception {
        byte[] b = TiffWriter.encode(ramp(64, 48), new TiffWriter.Options());
        long ifd = ifds(b).get(0)[0];
        buf(b).putInt(entry(b, ifd, 256) + 8, 100_000).putInt(entry(b, ifd, 257) + 8, 100_000);
        Path f = Files.write(dir.resolve("huge.tif"), b);
        refused(f, "too large for the available memory", Cmd.ANALYZE, Cmd.VOLUME, Cmd.PHASEFIELD, Cmd.COMPARE);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "-q");
        assertTrue(r.err().contains("needs 9.31 GiB, the Java heap has"), r.err());
        assertTrue(r.err().contains("-Xmx"), r.err());
        // a plane of more than 2^31 − 1 pixels cannot be held whatever the heap
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> InputFiles.requireSliceFits(f, 50_000, 50_000, 0));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    // ------------------------------------------------------------------ not regular files

    @Test
    void fifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.tif");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available here: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(fifo),
                "mkfifo could not create a FIFO in the temporary folder");
        refused(fifo, "named pipe (FIFO)", ALL);
        // the same as a MetaImage header, an HDF5 file and a checkpoint
        Path mhd = dir.resolve("pipe.mhd");
        Path h5 = dir.resolve("pipe.h5");
        for (Path q : new Path[] {mhd, h5}) {
            new ProcessBuilder("mkfifo", q.toString()).start().waitFor(10, TimeUnit.SECONDS);
            refused(q, "named pipe (FIFO)", Cmd.ANALYZE, Cmd.VOLUME);
        }
        AnalyzeCommandTest.Run r = assertTimeoutPreemptively(LIMIT, () -> AnalyzeCommandTest.run("phasefield", "--resume", fifo.toString(),
                "-q", "--out", dir.resolve("o").toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("pipe.tif") && r.err().contains("named pipe"), r.err());
        // in a folder batch, the pipe is skipped with a note; the good file is analysed
        Path in = Files.createDirectories(dir.resolve("batch"));
        Files.move(fifo, in.resolve("pipe.tif"));
        Files.write(in.resolve("good.tif"), Files.readAllBytes(imagejTiff("g.tif", 64, 48, 1)));
        r = assertTimeoutPreemptively(LIMIT, () -> AnalyzeCommandTest.run("analyze", in.toString(), "--pixel-size", "0.1", "--json"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped") && r.err().contains("pipe.tif") && r.err().contains("not a regular file"), r.err());
    }

    @Test
    void folderNamedLikeAFile() throws Exception {
        Path d = Files.createDirectory(dir.resolve("folder.tif"));
        refused(d, "folder", Cmd.VOLUME, Cmd.PHASEFIELD);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", d.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("folder.tif"), r.err());
    }

    // ------------------------------------------------------------------ phasefield masks

    /** A truncated mask was run on zero-filled rows (exit 0); now every command refuses it alike. */
    @Test
    void truncatedMaskIsRefusedByPhaseFieldAsByTheSemReader() throws Exception {
        Path good = imagejTiff("mask.tif", 48, 64, 1);
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("mask-cut.tif"), Arrays.copyOf(all, all.length - 48 * 10));
        refused(cut, "truncated", ALL);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> org.porophase.phasefield.Geometry.openMask(cut));
        PoroPhaseException s = assertThrows(PoroPhaseException.class, () -> SemReader.read(cut, null));
        assertEquals(s.getMessage(), e.getMessage(), "the same check, the same message");
    }

    // ------------------------------------------------------------------ raw volumes

    @Test
    void truncatedMetaImageNrrdAndHdf5() throws Exception {
        Object[] sl = new Object[4];
        for (int z = 0; z < 4; z++) {
            sl[z] = ramp(16, 12).getPixels();
        }
        VoxelSize vs = VoxelSize.iso(1);
        Path mhd = dir.resolve("v.mhd");
        VolumeWriters.writeMetaImage(mhd, VolumeWriters.arraySource(16, 12, sl, vs), vs);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("v.raw").toFile(), "rw")) {
            f.setLength(f.length() - 50);
        }
        refused(mhd, "truncated", Cmd.ANALYZE, Cmd.VOLUME);
        Path nrrd = dir.resolve("v.nrrd");
        VolumeWriters.writeNrrd(nrrd, VolumeWriters.arraySource(16, 12, sl, vs), vs, false);
        byte[] all = Files.readAllBytes(nrrd);
        Files.write(nrrd, Arrays.copyOf(all, all.length - 50));
        refused(nrrd, "truncated", Cmd.ANALYZE, Cmd.VOLUME);
        // an absurd size in a header: too large, not a NegativeArraySizeException
        Files.writeString(dir.resolve("big.mhd"), "NDims = 3\nDimSize = 200000 200000 2\nElementType = MET_UCHAR\nElementDataFile = v.raw\n");
        refused(dir.resolve("big.mhd"), "too large", Cmd.VOLUME);
        // HDF5: a copy cut in half
        Path h5 = dir.resolve("v.h5");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(h5)) {
            w.putDataset("data", new byte[40][12][16]).putAttribute("element_size_um", new double[] {1, 1, 1});
        }
        byte[] h = Files.readAllBytes(h5);
        Files.write(h5, Arrays.copyOf(h, h.length / 2));
        refused(h5, "truncated or damaged", Cmd.ANALYZE, Cmd.VOLUME);
    }

    // ------------------------------------------------------------------ calibration text

    @Test
    void malformedSpacingOrUnitIsNeverOneMicron() throws Exception {
        ImageStack st = new ImageStack(20, 20);
        for (int i = 0; i < 4; i++) {
            st.addSlice(ramp(20, 20));
        }
        ImagePlus imp = new ImagePlus("v", st);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().pixelDepth = 0.75;
        imp.getCalibration().setUnit("micron");
        Path f = dir.resolve("spacing.tif");
        IJ.saveAsTiff(imp, f.toString());
        byte[] b = Files.readAllBytes(f);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int i = s.indexOf("spacing=0.75");
        assertTrue(i > 0, "ImageJ wrote the spacing");
        byte[] bad = b.clone();
        System.arraycopy("spacing=0,75".getBytes(StandardCharsets.ISO_8859_1), 0, bad, i, 12);
        Path g = Files.write(dir.resolve("bad-spacing.tif"), bad);
        refused(g, "spacing=0,75", Cmd.VOLUME);
        int u = s.indexOf("unit=micron");
        assertTrue(u > 0, "ImageJ wrote the unit");
        byte[] badUnit = b.clone();
        System.arraycopy("unit=furlng".getBytes(StandardCharsets.ISO_8859_1), 0, badUnit, u, 11);
        Path h = Files.write(dir.resolve("bad-unit.tif"), badUnit);
        refused(h, "furlng", Cmd.VOLUME);
    }
}

package org.porophase.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * A raw voxel block in a file (as described by a MetaImage or NRRD header): uncompressed data is
 * read slice by slice with positioned reads; gzip/zlib data is inflated sequentially (reading slices
 * in increasing z is efficient, going back restarts the stream).
 * <p>
 * Bad input: an uncompressed file whose size does not match the header is rejected at open time
 * ("truncated" when shorter, "header/data mismatch" when longer); compressed data that ends early is
 * reported when the missing slice is read.
 */
public final class RawVolumeSource extends AbstractVolumeSource {
    /** Compression of the data block. */
    public enum Compression { NONE, GZIP, ZLIB }

    private final Path file;
    private final long offset;
    private final SampleType type;
    private final ByteOrder order;
    private final Compression compression;
    private final String format;
    private final FileChannel channel;
    private InputStream stream;
    private long streamPos;

    public RawVolumeSource(String format, Path file, long offset, int w, int h, int d, SampleType type, ByteOrder order,
            Compression compression, VoxelSize vs, String vsSource) {
        this.format = format;
        this.file = file;
        this.w = w;
        this.h = h;
        this.d = d;
        this.type = type;
        this.bitDepth = type.outputBitDepth();
        this.order = order;
        this.compression = compression;
        this.vs = vs;
        this.vsSource = vsSource;
        if (w <= 0 || h <= 0 || d <= 0) {
            throw new PoroPhaseException(format + " header of " + file + " gives a size of " + w + "×" + h + "×" + d
                    + ": all sizes must be positive; fix the header");
        }
        if (InputFiles.isSpecial(file)) {
            InputFiles.requireRegularFile(file, format + " data file");
        }
        // a header can declare any size: one slice (raw bytes plus the converted array) must fit
        InputFiles.requireSliceFits(file, w, h, type.bytes + Math.max(1, bitDepth / 8));
        if (!Files.isRegularFile(file)) {
            throw new PoroPhaseException(format + " data file " + file + " not found (the header's data-file entry must name a file next to the header)");
        }
        long expected = (long) w * h * d * type.bytes;
        try {
            long size = Files.size(file);
            if (offset < 0) { // data at the end of the file
                offset = size - expected;
                if (offset < 0) {
                    throw new PoroPhaseException(format + " data file " + file + " is truncated: " + size + " bytes, but the header's "
                            + w + "×" + h + "×" + d + " " + type + " voxels need " + expected + " bytes");
                }
            }
            this.offset = offset;
            if (compression == Compression.NONE) {
                if (size - offset < expected) {
                    long slices = (size - offset) / ((long) w * h * type.bytes);
                    throw new PoroPhaseException(format + " data file " + file + " is truncated: it holds " + (size - offset)
                            + " bytes of voxel data but the header's " + w + "×" + h + "×" + d + " " + type + " voxels need " + expected
                            + " bytes (only " + slices + " complete slices); re-export the volume or correct the header's size");
                }
                if (size - offset > expected) {
                    throw new PoroPhaseException(format + " header/data mismatch for " + file + ": the file holds " + (size - offset)
                            + " bytes of voxel data but the header's " + w + "×" + h + "×" + d + " " + type + " voxels need " + expected
                            + " bytes; check the header's sizes, element type and header/byte-skip offset");
                }
            }
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return format + " " + file.getFileName() + " (" + w + "×" + h + "×" + d + ", " + type + ", "
                + compression.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public Object slice(int z) {
        if (z < 0 || z >= d) {
            throw new IndexOutOfBoundsException("slice " + z + " of " + d);
        }
        int n = w * h;
        ByteBuffer buf = ByteBuffer.allocate(n * type.bytes).order(order);
        try {
            if (compression == Compression.NONE) {
                long pos = offset + (long) z * n * type.bytes;
                while (buf.hasRemaining()) {
                    int r = channel.read(buf, pos + buf.position());
                    if (r < 0) {
                        throw new PoroPhaseException(format + " data file " + file + " ended inside slice " + z + " (truncated file)");
                    }
                }
            } else {
                readCompressed(z, buf.array());
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read slice " + z + " of " + file + ": " + e.getMessage(), e);
        }
        buf.rewind();
        return convert(buf, n);
    }

    private synchronized void readCompressed(int z, byte[] dst) throws IOException {
        long want = (long) z * dst.length;
        if (stream == null || streamPos > want) {
            if (stream != null) {
                stream.close();
            }
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            long skip = offset;
            while (skip > 0) {
                long s = raw.skip(skip);
                if (s <= 0) {
                    throw new EOFException();
                }
                skip -= s;
            }
            stream = compression == Compression.GZIP ? new GZIPInputStream(raw, 1 << 16) : new InflaterInputStream(raw);
            streamPos = 0;
        }
        try {
            while (streamPos < want) {
                long s = stream.skip(want - streamPos);
                if (s <= 0) {
                    if (stream.read() < 0) {
                        throw new EOFException();
                    }
                    s = 1;
                }
                streamPos += s;
            }
            int off = 0;
            while (off < dst.length) {
                int r = stream.read(dst, off, dst.length - off);
                if (r < 0) {
                    throw new EOFException();
                }
                off += r;
            }
            streamPos += dst.length;
        } catch (EOFException e) {
            stream.close();
            stream = null;
            throw new PoroPhaseException(format + " compressed data in " + file + " ends before slice " + z + " is complete: the file is "
                    + "truncated or the header's sizes (" + w + "×" + h + "×" + d + " " + type + ") are wrong");
        } catch (java.util.zip.ZipException e) {
            stream = null;
            throw new PoroPhaseException(format + " compressed data in " + file + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private Object convert(ByteBuffer b, int n) {
        switch (type) {
            case U8: {
                byte[] out = new byte[n];
                b.get(out);
                return out;
            }
            case U16: {
                short[] out = new short[n];
                b.asShortBuffer().get(out);
                return out;
            }
            default: {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    switch (type) {
                        case S8: out[i] = b.get(); break;
                        case S16: out[i] = b.getShort(); break;
                        case U32: out[i] = b.getInt() & 0xffffffffL; break;
                        case S32: out[i] = b.getInt(); break;
                        case F32: out[i] = b.getFloat(); break;
                        case F64: out[i] = (float) b.getDouble(); break;
                        default: throw new IllegalStateException();
                    }
                }
                return out;
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // closing a read-only file
        }
    }
}

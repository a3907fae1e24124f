package org.porophase.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import org.porophase.core.Calibration;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/** Writes volumes (8/16/32-bit ImageJ arrays) as TIFF stacks, MetaImage and NRRD, atomically. */
public final class VolumeWriters {
    private VolumeWriters() {
    }

    /** A calibrated ImagePlus holding the given slices (arrays shared, not copied). */
    public static ImagePlus toImagePlus(String title, int w, int h, Object[] slices, VoxelSize vs) {
        ImageStack st = new ImageStack(w, h);
        for (Object s : slices) {
            st.addSlice(null, s);
        }
        ImagePlus imp = new ImagePlus(title, st);
        if (vs != null) {
            ImageJCalibration.applyTo(vs, imp.getCalibration());
        }
        return imp;
    }

    /** Writes a multi-page (ImageJ) TIFF with the voxel size in µm. */
    public static void writeTiff(Path file, ImagePlus imp) {
        AtomicFiles.write(file, out -> {
            byte[] bytes = new FileSaver(imp).serialize();
            if (bytes == null) {
                throw new IOException("ImageJ could not encode the stack as TIFF");
            }
            out.write(bytes);
        });
    }

    private static String metType(int bits) {
        return bits == 8 ? "MET_UCHAR" : bits == 16 ? "MET_USHORT" : "MET_FLOAT";
    }

    private static void writeSlices(OutputStream out, VolumeSource src, ByteOrder order) throws IOException {
        for (int z = 0; z < src.depth(); z++) {
            Object s = src.slice(z);
            ByteBuffer b;
            if (s instanceof byte[] bs) {
                out.write(bs);
                continue;
            } else if (s instanceof short[] ss) {
                b = ByteBuffer.allocate(ss.length * 2).order(order);
                b.asShortBuffer().put(ss);
            } else {
                float[] fs = (float[]) s;
                b = ByteBuffer.allocate(fs.length * 4).order(order);
                b.asFloatBuffer().put(fs);
            }
            out.write(b.array());
        }
    }

    /** Writes {@code base}.mhd + {@code base}.raw (little-endian, ElementSpacing in mm). */
    public static void writeMetaImage(Path mhd, VolumeSource src, VoxelSize vs) {
        String name = mhd.getFileName().toString();
        String rawName = name.replaceFirst("(?i)\\.mhd$", "") + ".raw";
        Path raw = mhd.resolveSibling(rawName);
        AtomicFiles.write(raw, out -> {
            BufferedOutputStream b = new BufferedOutputStream(out, 1 << 16);
            writeSlices(b, src, ByteOrder.LITTLE_ENDIAN);
            b.flush();
        });
        String hdr = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = False\n"
                + String.format(Locale.ROOT, "ElementSpacing = %s %s %s\n", vs.x() / 1000, vs.y() / 1000, vs.z() / 1000)
                + "DimSize = " + src.width() + " " + src.height() + " " + src.depth() + "\n"
                + "ElementType = " + metType(src.bitDepth()) + "\nElementDataFile = " + rawName + "\n";
        AtomicFiles.writeString(mhd, hdr);
    }

    /** Writes a NRRD with attached data, raw or gzip encoding, spacings in µm ("space units"). */
    public static void writeNrrd(Path nrrd, VolumeSource src, VoxelSize vs, boolean gzip) {
        int bits = src.bitDepth();
        String type = bits == 8 ? "uint8" : bits == 16 ? "uint16" : "float";
        String hdr = "NRRD0004\n# written by PoroPhase\ntype: " + type + "\ndimension: 3\nsizes: " + src.width() + " " + src.height() + " "
                + src.depth() + "\nencoding: " + (gzip ? "gzip" : "raw") + "\nendian: little\n"
                + "space dimension: 3\nspace units: \"microns\" \"microns\" \"microns\"\n"
                + String.format(Locale.ROOT, "space directions: (%s,0,0) (0,%s,0) (0,0,%s)\n\n", vs.x(), vs.y(), vs.z());
        AtomicFiles.write(nrrd, out -> {
            out.write(hdr.getBytes(StandardCharsets.US_ASCII));
            OutputStream o = gzip ? new GZIPOutputStream(out, 1 << 16) : new BufferedOutputStream(out, 1 << 16);
            writeSlices(o, src, ByteOrder.LITTLE_ENDIAN);
            if (o instanceof GZIPOutputStream g) {
                g.finish();
            }
            o.flush();
        });
    }


    /** Adapter: an in-memory slice array as a VolumeSource. */
    public static VolumeSource arraySource(int width, int height, Object[] slices, VoxelSize voxelSize) {
        if (slices.length == 0) {
            throw new PoroPhaseException("empty volume");
        }
        int bits = slices[0] instanceof byte[] ? 8 : slices[0] instanceof short[] ? 16 : 32;
        return new AbstractVolumeSource() {
            {
                w = width;
                h = height;
                d = slices.length;
                bitDepth = bits;
                vs = voxelSize;
                vsSource = voxelSize == null ? "none" : "given";
            }

            @Override
            public Object slice(int z) {
                return slices[z];
            }

            @Override
            public String description() {
                return "in-memory volume " + w + "×" + h + "×" + d;
            }
        };
    }
}

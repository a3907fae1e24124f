package org.porophase.io;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * A 3D dataset of an HDF5 file, read slab by slab with jhdf's hyperslab API
 * ({@code Dataset.getData(offset, shape)}), so only one z slice is in memory at a time. The dataset
 * is indexed [z][y][x] (C order, as written by h5py, Fiji's HDF5 plugin and ilastik).
 * <p>
 * Dataset choice: the given path, or the only 3D dataset in the file (otherwise an error lists the
 * candidates). Voxel size from an {@code element_size_um} attribute (z, y, x order, the Fiji HDF5 /
 * ilastik convention) when present. Unsigned 8/16-bit data stays 8/16-bit; other types become
 * 32-bit float.
 */
public final class Hdf5Source extends AbstractVolumeSource {
    private final Path file;
    private final HdfFile hdf;
    private final Dataset ds;
    private final String dsPath;

    public Hdf5Source(Path file, String datasetPath) {
        this.file = file;
        InputFiles.requireRegularFile(file, "HDF5 file");
        try {
            this.hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new PoroPhaseException("cannot open HDF5 file " + file + ": " + e.getMessage() + " (is it a valid HDF5 file?)", e);
        }
        try {
            if (datasetPath == null || datasetPath.isBlank()) {
                List<String> cands = new ArrayList<>();
                collect(hdf, cands);
                if (cands.size() != 1) {
                    throw new PoroPhaseException("HDF5 file " + file + (cands.isEmpty() ? " has no 3D dataset"
                            : " has " + cands.size() + " 3D datasets " + cands + "; choose one with --dataset PATH"));
                }
                datasetPath = cands.get(0);
            }
            Node n;
            try {
                n = hdf.getByPath(datasetPath);
            } catch (RuntimeException e) {
                List<String> cands = new ArrayList<>();
                collect(hdf, cands);
                throw new PoroPhaseException("HDF5 file " + file + " has no dataset '" + datasetPath + "'; 3D datasets in it: " + cands);
            }
            if (!(n instanceof Dataset)) {
                throw new PoroPhaseException("'" + datasetPath + "' in " + file + " is a group, not a dataset; pass the dataset path with --dataset");
            }
            ds = (Dataset) n;
            dsPath = datasetPath;
            int[] dims = ds.getDimensions();
            if (dims.length == 3) {
                d = dims[0];
                h = dims[1];
                w = dims[2];
            } else if (dims.length == 2) {
                d = 1;
                h = dims[0];
                w = dims[1];
            } else {
                throw new PoroPhaseException("HDF5 dataset '" + datasetPath + "' in " + file + " has " + dims.length
                        + " dimensions; a volume needs 3 ([z][y][x])");
            }
            DataType t = ds.getDataType();
            if (t instanceof FixedPoint fp) {
                int bytes = fp.getSize();
                bitDepth = !fp.isSigned() && bytes == 1 ? 8 : !fp.isSigned() && bytes == 2 ? 16 : 32;
            } else if (t instanceof FloatingPoint) {
                bitDepth = 32;
            } else {
                throw new PoroPhaseException("HDF5 dataset '" + datasetPath + "' in " + file + " has data type " + t.getClass().getSimpleName()
                        + "; only integer and floating-point voxels are supported");
            }
            VoxelSize v = null;
            String src = "none (dataset has no element_size_um attribute)";
            Attribute a = ds.getAttribute("element_size_um");
            if (a != null) {
                Object data = a.getData();
                double[] e = new double[Array.getLength(data)];
                for (int i = 0; i < e.length; i++) {
                    e[i] = ((Number) Array.get(data, i)).doubleValue();
                }
                if (e.length == 3) {
                    v = new VoxelSize(e[2], e[1], e[0]);
                    src = "HDF5 attribute element_size_um (z,y,x)";
                }
            }
            vs = v;
            vsSource = src;
            // a header can declare any size: one slice (read as its source type, then converted) must fit
            InputFiles.requireSliceFits(file, w, h, 2 * Math.max(1, bitDepth / 8));
        } catch (PoroPhaseException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            // jhdf's own exceptions (a truncated or damaged file read lazily): one message naming the file
            hdf.close();
            throw new PoroPhaseException("cannot read HDF5 file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip())
                    + " (the file is truncated or damaged; copy or re-export it)", e);
        }
    }

    private static void collect(Group g, List<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group sub) {
                collect(sub, out);
            } else if (n instanceof Dataset dset && dset.getDimensions().length == 3) {
                out.add(n.getPath());
            }
        }
    }

    @Override
    public String description() {
        return "HDF5 " + file.getFileName() + ":" + dsPath + " (" + w + "×" + h + "×" + d + ")";
    }

    @Override
    public synchronized Object slice(int z) {
        Object data;
        try {
            data = ds.getDimensions().length == 3 ? ds.getData(new long[] {z, 0, 0}, new int[] {1, h, w}) : ds.getData();
        } catch (RuntimeException e) {
            // jhdf's messages can span lines: one line, and what it means for the user
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
            throw new PoroPhaseException("cannot read slice " + z + " of HDF5 dataset '" + dsPath + "' in " + file + ": " + m
                    + " (the file is truncated or damaged; copy or re-export it)", e);
        }
        Object plane = ds.getDimensions().length == 3 ? Array.get(data, 0) : data;
        int n = w * h;
        Object out = bitDepth == 8 ? new byte[n] : bitDepth == 16 ? new short[n] : new float[n];
        for (int y = 0; y < h; y++) {
            Object row = Array.get(plane, y);
            int o = y * w;
            if (row instanceof byte[] b) {
                if (out instanceof byte[] ob) {
                    System.arraycopy(b, 0, ob, o, w);
                } else {
                    float[] of = (float[]) out;
                    for (int x = 0; x < w; x++) {
                        of[o + x] = b[x];
                    }
                }
            } else if (row instanceof short[] s) {
                if (out instanceof short[] os) {
                    System.arraycopy(s, 0, os, o, w);
                } else if (out instanceof byte[] ob) {
                    for (int x = 0; x < w; x++) {
                        ob[o + x] = (byte) s[x];
                    }
                } else {
                    float[] of = (float[]) out;
                    for (int x = 0; x < w; x++) {
                        of[o + x] = s[x];
                    }
                }
            } else if (row instanceof int[] iv) {
                for (int x = 0; x < w; x++) {
                    put(out, o + x, iv[x]);
                }
            } else if (row instanceof long[] lv) {
                for (int x = 0; x < w; x++) {
                    put(out, o + x, lv[x]);
                }
            } else if (row instanceof float[] fv) {
                System.arraycopy(fv, 0, (float[]) out, o, w);
            } else if (row instanceof double[] dv) {
                float[] of = (float[]) out;
                for (int x = 0; x < w; x++) {
                    of[o + x] = (float) dv[x];
                }
            } else {
                throw new PoroPhaseException("HDF5 dataset '" + dsPath + "' in " + file + " returned unsupported data " + row.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static void put(Object out, int i, long v) {
        if (out instanceof byte[] b) {
            b[i] = (byte) v;
        } else if (out instanceof short[] s) {
            s[i] = (short) v;
        } else {
            ((float[]) out)[i] = v;
        }
    }

    @Override
    public void close() {
        hdf.close();
    }
}

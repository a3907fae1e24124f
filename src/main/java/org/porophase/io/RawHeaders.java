package org.porophase.io;

import org.porophase.core.Calibration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Readers for raw volumes with a text header: MetaImage (.mhd header + .raw data, or .mha with the
 * data inline) and NRRD (.nrrd with attached data, or .nhdr + detached data; raw or gzip encoding).
 * <p>
 * Units: MetaImage has no unit field; ElementSpacing is read in mm (the ITK / 3D Slicer convention).
 * NRRD spacings use "space units" when present (mm, µm/um, nm…), else mm likewise. Override either
 * with --voxel-size.
 */
public final class RawHeaders {
    private RawHeaders() {
    }

    /** Opens a MetaImage header (.mhd or .mha). */
    public static RawVolumeSource openMetaImage(Path header) {
        Map<String, String> kv = new LinkedHashMap<>();
        long headerBytes;
        try (InputStream in = Files.newInputStream(header)) {
            headerBytes = readHeaderLines(in, kv, "=", true, header, "MetaImage");
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read MetaImage header " + header + ": " + e.getMessage(), e);
        }
        String fmt = "MetaImage";
        int ndims = intOf(kv, "NDims", header, fmt, 3);
        int[] dims = intsOf(kv.get("DimSize"), "DimSize", header, fmt);
        if (dims == null) {
            throw new PoroPhaseException(fmt + " header " + header + " has no DimSize line");
        }
        if (dims.length != ndims || ndims < 2 || ndims > 3) {
            throw new PoroPhaseException(fmt + " header " + header + ": NDims = " + ndims + " and DimSize = " + kv.get("DimSize")
                    + " do not describe a 2D or 3D volume");
        }
        String channels = kv.get("ElementNumberOfChannels");
        if (channels != null && !channels.trim().equals("1")) {
            throw new PoroPhaseException(fmt + " file " + header + " has " + channels + " channels per voxel; export a single-channel volume");
        }
        String et = kv.get("ElementType");
        if (et == null) {
            throw new PoroPhaseException(fmt + " header " + header + " has no ElementType line");
        }
        SampleType type = switch (et.trim().toUpperCase(Locale.ROOT)) {
            case "MET_UCHAR" -> SampleType.U8;
            case "MET_CHAR" -> SampleType.S8;
            case "MET_USHORT" -> SampleType.U16;
            case "MET_SHORT" -> SampleType.S16;
            case "MET_UINT" -> SampleType.U32;
            case "MET_INT" -> SampleType.S32;
            case "MET_FLOAT" -> SampleType.F32;
            case "MET_DOUBLE" -> SampleType.F64;
            default -> throw new PoroPhaseException(fmt + " ElementType " + et + " in " + header
                    + " is not supported (supported: MET_UCHAR, MET_CHAR, MET_USHORT, MET_SHORT, MET_UINT, MET_INT, MET_FLOAT, MET_DOUBLE)");
        };
        String msb = kv.getOrDefault("ElementByteOrderMSB", kv.getOrDefault("BinaryDataByteOrderMSB", "False"));
        ByteOrder order = msb.trim().equalsIgnoreCase("true") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean compressed = kv.getOrDefault("CompressedData", "False").trim().equalsIgnoreCase("true");
        String dataFile = kv.get("ElementDataFile");
        if (dataFile == null) {
            throw new PoroPhaseException(fmt + " header " + header + " has no ElementDataFile line");
        }
        Path data;
        long offset;
        if (dataFile.trim().equalsIgnoreCase("LOCAL")) {
            data = header;
            offset = headerBytes;
        } else if (dataFile.trim().startsWith("LIST") || dataFile.contains("%")) {
            throw new PoroPhaseException(fmt + " header " + header + " lists several data files (" + dataFile
                    + "); only one data file is supported: open the slice folder instead");
        } else {
            data = resolve(header, dataFile.trim());
            offset = 0;
        }
        String hs = kv.get("HeaderSize");
        if (hs != null) {
            long v = Long.parseLong(hs.trim());
            offset = v == -1 ? -1 : (data.equals(header) ? offset + v : v);
        }
        double[] sp = doublesOf(kv.getOrDefault("ElementSpacing", kv.get("ElementSize")), header, fmt);
        VoxelSize vs = null;
        String src = "none (MetaImage header has no ElementSpacing)";
        if (sp != null) {
            double z = sp.length > 2 ? sp[2] : sp[0];
            vs = new VoxelSize(sp[0] * 1000, sp[1] * 1000, z * 1000);
            src = "MetaImage ElementSpacing, read in mm";
        }
        return new RawVolumeSource(fmt, data, offset, dims[0], dims[1], ndims == 3 ? dims[2] : 1, type, order,
                compressed ? RawVolumeSource.Compression.ZLIB : RawVolumeSource.Compression.NONE, vs, src);
    }

    /** Opens a NRRD file (.nrrd, attached data) or detached header (.nhdr). */
    public static RawVolumeSource openNrrd(Path header) {
        Map<String, String> kv = new LinkedHashMap<>();
        long headerBytes;
        String fmt = "NRRD";
        try (InputStream in = Files.newInputStream(header)) {
            byte[] magic = in.readNBytes(4);
            if (!new String(magic, StandardCharsets.US_ASCII).equals("NRRD")) {
                throw new PoroPhaseException(header + " is not a NRRD file (it does not start with 'NRRD000x')");
            }
            String first = readLine(in);
            headerBytes = 4 + first.length() + 1 + readHeaderLines(in, kv, ":", false, header, fmt);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read NRRD header " + header + ": " + e.getMessage(), e);
        }
        String t = kv.get("type");
        if (t == null) {
            throw new PoroPhaseException(fmt + " header " + header + " has no 'type' field");
        }
        SampleType type = switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "uchar", "unsigned char", "uint8", "uint8_t" -> SampleType.U8;
            case "signed char", "int8", "int8_t", "char" -> SampleType.S8;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> SampleType.U16;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> SampleType.S16;
            case "uint", "unsigned int", "uint32", "uint32_t" -> SampleType.U32;
            case "int", "signed int", "int32", "int32_t" -> SampleType.S32;
            case "float" -> SampleType.F32;
            case "double" -> SampleType.F64;
            default -> throw new PoroPhaseException(fmt + " type '" + t + "' in " + header + " is not supported (use an 8/16/32-bit integer, float or double type)");
        };
        int dim = intOf(kv, "dimension", header, fmt, -1);
        int[] sizes = intsOf(kv.get("sizes"), "sizes", header, fmt);
        if (sizes == null || sizes.length != dim || dim < 2 || dim > 3) {
            throw new PoroPhaseException(fmt + " header " + header + ": dimension " + dim + " with sizes '" + kv.get("sizes")
                    + "' is not a 2D or 3D scalar volume");
        }
        String enc = kv.getOrDefault("encoding", "raw").trim().toLowerCase(Locale.ROOT);
        RawVolumeSource.Compression comp = switch (enc) {
            case "raw" -> RawVolumeSource.Compression.NONE;
            case "gzip", "gz" -> RawVolumeSource.Compression.GZIP;
            default -> throw new PoroPhaseException(fmt + " encoding '" + enc + "' of " + header + " is not supported (use raw or gzip)");
        };
        ByteOrder order = kv.getOrDefault("endian", "little").trim().equalsIgnoreCase("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String df = kv.containsKey("data file") ? kv.get("data file") : kv.get("datafile");
        Path data;
        long offset;
        if (df != null) {
            if (df.trim().startsWith("LIST") || df.trim().split("\\s+").length > 1) {
                throw new PoroPhaseException(fmt + " header " + header + " lists several data files; only one is supported");
            }
            data = resolve(header, df.trim());
            offset = 0;
        } else {
            data = header;
            offset = headerBytes;
        }
        String skip = kv.containsKey("byte skip") ? kv.get("byte skip") : kv.get("byteskip");
        if (skip != null) {
            long s = Long.parseLong(skip.trim());
            if (s == -1 && comp == RawVolumeSource.Compression.NONE) {
                offset = -1;
            } else if (s > 0) {
                offset += s;
            }
        }
        double unit = 1000;
        String unitSrc = "mm (NRRD default, no 'space units')";
        String su = kv.get("space units");
        if (su != null) {
            String u = su.replace("\"", " ").trim().split("\\s+")[0];
            double f = Calibration.toMicrons(u);
            if (Double.isNaN(f)) {
                throw new PoroPhaseException(fmt + " 'space units' " + su + " in " + header + " is not a length unit; pass --voxel-size");
            }
            unit = f;
            unitSrc = u;
        }
        VoxelSize vs = null;
        String src = "none (NRRD header has no spacings or space directions)";
        double[] sp = doublesOf(kv.get("spacings"), header, fmt);
        if (sp == null && kv.containsKey("space directions")) {
            sp = directionNorms(kv.get("space directions"), dim, header);
        }
        if (sp != null && sp.length >= 2) {
            double z = sp.length > 2 ? sp[2] : sp[0];
            if (Double.isFinite(sp[0]) && Double.isFinite(sp[1]) && Double.isFinite(z)) {
                vs = new VoxelSize(sp[0] * unit, sp[1] * unit, z * unit);
                src = "NRRD spacings, unit " + unitSrc;
            }
        }
        return new RawVolumeSource(fmt, data, offset, sizes[0], sizes[1], dim == 3 ? sizes[2] : 1, type, order, comp, vs, src);
    }

    private static double[] directionNorms(String text, int dim, Path header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)").matcher(text);
        double[] out = new double[dim];
        int i = 0;
        while (m.find() && i < dim) {
            String[] p = m.group(1).split(",");
            double s = 0;
            for (String q : p) {
                double v = Double.parseDouble(q.trim());
                s += v * v;
            }
            out[i++] = Math.sqrt(s);
        }
        return i == dim ? out : null;
    }

    private static Path resolve(Path header, String name) {
        Path p = Path.of(name);
        return p.isAbsolute() ? p : header.toAbsolutePath().getParent().resolve(p);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads "key SEP value" lines until a blank line (NRRD) or the ElementDataFile line (MetaImage);
     * returns the bytes consumed.
     */
    private static long readHeaderLines(InputStream in, Map<String, String> kv, String sep, boolean meta, Path header, String fmt)
            throws IOException {
        long n = 0;
        int lines = 0;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                break;
            }
            n += line.length() + 1;
            if (++lines > 10000) {
                throw new PoroPhaseException(header + " does not look like a " + fmt + " header (no end of header found)");
            }
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!meta && l.isEmpty()) {
                break;
            }
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            if (!meta && l.contains(":=")) {
                continue; // NRRD key/value pair, not a field
            }
            int i = l.indexOf(sep);
            if (i <= 0) {
                throw new PoroPhaseException(fmt + " header " + header + " has a malformed line: '" + l + "' (expected 'key " + sep + " value')");
            }
            String k = l.substring(0, i).trim();
            String v = l.substring(i + 1).trim();
            kv.put(meta ? k : k.toLowerCase(Locale.ROOT), v);
            if (meta && k.equals("ElementDataFile")) {
                break;
            }
        }
        return n;
    }

    private static int intOf(Map<String, String> kv, String k, Path header, String fmt, int dflt) {
        String v = kv.get(k);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new PoroPhaseException(fmt + " header " + header + ": " + k + " = '" + v + "' is not an integer");
        }
    }

    private static int[] intsOf(String v, String k, Path header, String fmt) {
        if (v == null) {
            return null;
        }
        String[] p = v.trim().split("\\s+");
        int[] out = new int[p.length];
        try {
            for (int i = 0; i < p.length; i++) {
                long x = Long.parseLong(p[i]);
                if (x > Integer.MAX_VALUE || x <= 0) {
                    throw new PoroPhaseException(fmt + " header " + header + ": " + k + " = '" + v + "' has a size that is not in 1…2³¹−1");
                }
                out[i] = (int) x;
            }
        } catch (NumberFormatException e) {
            throw new PoroPhaseException(fmt + " header " + header + ": " + k + " = '" + v + "' is not a list of integers");
        }
        return out;
    }

    private static double[] doublesOf(String v, Path header, String fmt) {
        if (v == null) {
            return null;
        }
        String[] p = v.trim().split("\\s+");
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            try {
                out[i] = p[i].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(p[i]);
            } catch (NumberFormatException e) {
                throw new PoroPhaseException(fmt + " header " + header + ": '" + v + "' is not a list of numbers");
            }
        }
        return out;
    }
}

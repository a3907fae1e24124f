package org.porophase.analysis;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.porophase.binary.BlockLabels;
import org.porophase.binary.ComponentLabeler;
import org.porophase.binary.LocalThickness;
import org.porophase.core.BlockSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.filter.Denoise3D;
import org.porophase.filter.Gaussian;
import org.porophase.io.VolumeReaders;
import org.porophase.io.VolumeWriters;
import org.porophase.segment.CropBox;
import org.porophase.segment.Cylinder;
import org.porophase.segment.ThresholdRule;
import org.porophase.segment.ThresholdedMask;

/**
 * The block-wise volume analysis of one input: the block grid over the analysed box and everything an
 * executor needs to run a {@link BlockStage} on a block (input path, options, voxel size, crop box,
 * cylinder) — {@link Serializable} and independent of the driver. {@link #start()} gives the driver's
 * state machine ({@link BlockwiseRun}); {@link BlockwiseAnalyzer} runs it on local threads, a Spark
 * driver over executors (docs/blockwise.md).
 * <p>
 * Refused block-wise, each with a message naming the option: the conduction comparison (it needs the whole
 * volume), periodic side faces for the block τ of {@code tau_rev} (a block's opposite sides are not neighbours) and the mask, label and local-thickness volumes as TIFF (block-wise they are written as OME-Zarr,
 * {@code volume_format zarr}, block by block: {@link BlockwiseRun#writeVolumes}). The automatic cylinder is detected on the driver when planning
 * ({@link Cylinder#detect} reads 16 slices). Surface detection is a pass of its
 * own (the porosity profile of the blocks), after which the plan is restricted to the slab. 3D denoising runs
 * on every box with a halo of the filter's radius (1 voxel for the median, the Gaussian kernel's per axis).
 */
public final class BlockPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    final String input;
    final VolumeOptions opt;
    final int blockSize;
    final int volW;
    final int volH;
    final int volD;
    final int bitDepth;
    final String description;
    final VoxelSize voxelSize;
    final CropBox box;
    final Cylinder cylinder;
    final int nbx;
    final int nby;
    final int nbz;
    /** 3D denoising applied to every box (with a halo of the filter's radius), as the in-memory path applies it to the analysed box. */
    final Denoise3D.Mode denoise;
    final double sigmaUm;
    final int[] denoiseHalo;
    /** The driver's result builder (source, voxel size and its warnings); not sent to executors. */
    transient VolumeAnalysis.Builder prototype;
    /** The source the plan was made from when it is not re-opened from a path (local runs and tests). */
    transient BlockSource local;

    private BlockPlan(String input, VolumeOptions opt, VolumeSource src, VolumeAnalysis.Builder a, VoxelSize vs, CropBox box, Cylinder cyl) {
        this.input = input;
        this.opt = opt;
        this.blockSize = opt.blockSize;
        this.volW = src.width();
        this.volH = src.height();
        this.volD = src.depth();
        this.denoise = denoiseMode(opt);
        this.sigmaUm = opt.gaussianSigmaVoxels * vs.min();
        this.denoiseHalo = denoise == Denoise3D.Mode.MEDIAN ? new int[] {1, 1, 1} : denoise == Denoise3D.Mode.GAUSSIAN
                ? new int[] {radius(sigmaUm / vs.x()), radius(sigmaUm / vs.y()), radius(sigmaUm / vs.z())} : new int[3];
        this.bitDepth = denoise == Denoise3D.Mode.GAUSSIAN ? 32 : src.bitDepth();
        this.description = src.description();
        this.voxelSize = vs;
        this.box = box;
        this.cylinder = cyl;
        this.nbx = (box.w() + blockSize - 1) / blockSize;
        this.nby = (box.h() + blockSize - 1) / blockSize;
        this.nbz = (box.d() + blockSize - 1) / blockSize;
        this.prototype = a;
    }

    /** The same plan on a sub-box of the analysed box (after surface detection): a new grid, everything else kept. */
    private BlockPlan(BlockPlan p, CropBox box) {
        this.input = p.input;
        this.opt = p.opt;
        this.blockSize = p.blockSize;
        this.volW = p.volW;
        this.volH = p.volH;
        this.volD = p.volD;
        this.denoise = p.denoise;
        this.sigmaUm = p.sigmaUm;
        this.denoiseHalo = p.denoiseHalo;
        this.bitDepth = p.bitDepth;
        this.description = p.description;
        this.voxelSize = p.voxelSize;
        this.box = box;
        this.cylinder = p.cylinder;
        this.nbx = (box.w() + blockSize - 1) / blockSize;
        this.nby = (box.h() + blockSize - 1) / blockSize;
        this.nbz = (box.d() + blockSize - 1) / blockSize;
        this.prototype = p.prototype;
        this.local = p.local;
    }

    /** This plan restricted along the axis to the planes [from, to] (inclusive, relative to the analysed box), as {@link CropBox#restrict}. */
    BlockPlan restricted(int axis, int from, int to) {
        return new BlockPlan(this, box.restrict(axis, from, to));
    }

    /**
     * Plans the block-wise analysis of a volume file or folder: opens it once (dimensions, voxel size),
     * checks the options, cuts the grid. The input is opened again by every executor ({@link #open}).
     *
     * @throws PoroPhaseException naming the option that does not decompose into blocks, or the input's problem
     */
    public static BlockPlan plan(Path input, VolumeOptions opt) {
        List<String> notes = new ArrayList<>();
        try (VolumeSource src = VolumeReaders.open(input, opt.dataset, opt.sliceSpacingUm, opt.threads)) {
            VolumeSource scan = SectionScan.withoutDataBar(src, input, notes);
            return make(input.toString(), opt, scan, notes);
        }
    }

    /** Plans the analysis of an open source (run locally with that source: {@link BlockwiseAnalyzer#analyze(VolumeSource, VolumeOptions)}). */
    public static BlockPlan plan(VolumeSource src, VolumeOptions opt) {
        BlockPlan p = make(null, opt, src, List.of());
        p.local = BlockSource.of(src);
        return p;
    }

    private static BlockPlan make(String input, VolumeOptions o, VolumeSource src, List<String> notes) {
        refuse(o);
        if (o.blockSize < 8) {
            throw new PoroPhaseException("block_size must be at least 8 voxels, got " + o.blockSize + " (--block-size)");
        }
        VolumeAnalysis.Builder a = VolumeAnalysis.builder();
        notes.forEach(a::warning);
        a.source(src.description()).dimensions(src.width(), src.height(), src.depth()).axis(o.axis).parameters(o.toMap());
        VoxelSize vs = VolumeAnalyzer.resolveVoxelSize(src, o, a);
        CropBox box = CropBox.parse(o.crop, src.width(), src.height(), src.depth());
        String cy = o.cylinder == null ? "none" : o.cylinder.trim().toLowerCase(Locale.ROOT);
        // auto: Cylinder.detect reads 16 slices of the source, on the driver, as the in-memory path does
        Cylinder cyl = cy.isEmpty() || cy.equals("none") ? null : cy.equals("auto") ? Cylinder.detect(src) : Cylinder.parse(cy);
        a.cylinder(cyl == null ? "none" : cyl.toString());
        ThresholdedMask.checkedFieldOfView(cyl, box, String.valueOf(cyl)); // refuses a cylinder that misses the box
        return new BlockPlan(input, o, src, a, vs, box, cyl);
    }

    /** The denoising mode of the options (the values of the in-memory path). */
    static Denoise3D.Mode denoiseMode(VolumeOptions o) {
        return switch (o.denoise == null ? "none" : o.denoise.trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> Denoise3D.Mode.NONE;
            case "median" -> Denoise3D.Mode.MEDIAN;
            case "gaussian" -> Denoise3D.Mode.GAUSSIAN;
            default -> throw new PoroPhaseException("denoise must be none, median or gaussian, got '" + o.denoise + "'");
        };
    }

    /** Radius of the Gaussian kernel of {@link Denoise3D} for σ in voxels (truncated at 3σ). */
    private static int radius(double sigmaVoxels) {
        return Gaussian.kernel(sigmaVoxels, Math.exp(-4.5)).length / 2;
    }

    /** The options that need the whole volume at once: refused with the option's name and what to do. */
    private static void refuse(VolumeOptions o) {
        o.checkVolumeOutputs(); // save_thickness needs local thickness, as in memory
        String why = null;
        if (o.conduction) {
            why = "conduction solves on the whole volume: switch it off (--no-conduction) or use the transport command; "
                    + "--tau-rev gives the block-wise tortuosity";
        } else if (o.tauRev && o.sideBoundary == org.porophase.transport.SideBoundary.PERIODIC) {
            // a block is a cut-out of the sample: its opposite side faces are not neighbours, so wrapping them would join pores
            // that do not touch (and cut none that leave the block); its real neighbours are the adjacent blocks
            why = "--tau-rev with --side-boundary periodic: a block is a cut-out of the volume whose opposite side faces are not "
                    + "neighbours, so periodic sides would join pores that do not touch; use --side-boundary no-flux (the default; "
                    + "mirror is the same) for the block-wise statistic, or run transport --side-boundary periodic on the whole volume";
        } else if ((o.writeMask || o.saveThickness || o.saveLabels) && !"zarr".equalsIgnoreCase(o.volumeFormat == null ? "" : o.volumeFormat.trim())) {
            String opt = o.writeMask ? "save_mask" : o.saveThickness ? "save_thickness" : "save_labels";
            why = opt + " writes its volume block by block as OME-Zarr only (a TIFF stack needs whole slices): add --volume-format zarr, "
                    + "or leave --" + opt.replace('_', '-') + " out";
        }
        if (why != null) {
            throw new PoroPhaseException("--blockwise: " + why);
        }
    }

    /**
     * Opens the input for an executor: {@link VolumeReaders#open} with the plan's dataset and slice spacing, the
     * SEM data-bar removal of the in-memory path, as a {@link BlockSource}. The caller closes it.
     */
    public BlockSource open() {
        if (input == null) {
            if (local == null) {
                throw new IllegalStateException("this plan was made from an open source and has no input path to re-open");
            }
            return local;
        }
        Path p = Path.of(input);
        // a task decodes its box's chunks on its own thread: the blocks are the parallelism (threads of the local runner, Spark's task slots)
        VolumeSource src = VolumeReaders.open(p, opt.dataset, opt.sliceSpacingUm, 1);
        VolumeSource scan = SectionScan.withoutDataBar(src, p, new ArrayList<>());
        if (scan.width() != volW || scan.height() != volH || scan.depth() != volD) {
            src.close();
            throw new PoroPhaseException(input + " changed since the block plan was made: it is now " + scan.width() + "×" + scan.height()
                    + "×" + scan.depth() + ", the plan has " + volW + "×" + volH + "×" + volD + "; plan again");
        }
        return BlockSource.of(scan);
    }

    /** The input path (null for a plan made from an open source). */
    public String input() {
        return input;
    }

    /** The options (with {@code blockwise} and {@code blockSize}). */
    public VolumeOptions options() {
        return opt;
    }

    /** Voxel size in µm used by the analysis. */
    public VoxelSize voxelSize() {
        return voxelSize;
    }

    /** The analysed box in voxels of the input. */
    public CropBox analysedBox() {
        return box;
    }

    /** Blocks along x, y, z. */
    public int[] gridShape() {
        return new int[] {nbx, nby, nbz};
    }

    /** All blocks of the grid, in index order (x fastest). */
    public List<Block> blocks() {
        List<Block> out = new ArrayList<>(nbx * nby * nbz);
        for (int bz = 0; bz < nbz; bz++) {
            for (int by = 0; by < nby; by++) {
                for (int bx = 0; bx < nbx; bx++) {
                    out.add(block((bz * nby + by) * nbx + bx));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The block with this index. */
    public Block block(int index) {
        int bx = index % nbx;
        int by = index / nbx % nby;
        int bz = index / (nbx * nby);
        int x0 = bx * blockSize;
        int y0 = by * blockSize;
        int z0 = bz * blockSize;
        return new Block(index, x0, y0, z0, Math.min(blockSize, box.w() - x0), Math.min(blockSize, box.h() - y0), Math.min(blockSize, box.d() - z0));
    }

    /** Halo of small-object removal: min_pore_voxels − 1 (see {@link BlockLabels#removeSmall}). */
    int cleaningMargin() {
        return opt.minPoreVoxels > 1 ? (int) Math.min(Integer.MAX_VALUE / 4, opt.minPoreVoxels - 1) : 0;
    }

    /** The volume faces a block lies on (flags of {@link ComponentLabeler}). */
    int volumeFaces(Block b) {
        return (b.x0() == 0 ? ComponentLabeler.X0 : 0) | (b.x0() + b.w() == box.w() ? ComponentLabeler.X1 : 0)
                | (b.y0() == 0 ? ComponentLabeler.Y0 : 0) | (b.y0() + b.h() == box.h() ? ComponentLabeler.Y1 : 0)
                | (b.z0() == 0 ? ComponentLabeler.Z0 : 0) | (b.z0() + b.d() == box.d() ? ComponentLabeler.Z1 : 0);
    }

    /**
     * A box around a block, clipped to the analysed box: the block grown by lo[a] before and hi[a] after it
     * along each axis a; coordinates in the analysed box.
     */
    Region region(Block b, int[] lo, int[] hi) {
        int x0 = Math.max(0, b.x0() - lo[0]);
        int y0 = Math.max(0, b.y0() - lo[1]);
        int z0 = Math.max(0, b.z0() - lo[2]);
        int x1 = (int) Math.min(box.w(), (long) b.x0() + b.w() + hi[0]);
        int y1 = (int) Math.min(box.h(), (long) b.y0() + b.h() + hi[1]);
        int z1 = (int) Math.min(box.d(), (long) b.z0() + b.d() + hi[2]);
        return new Region(x0, y0, z0, x1 - x0, y1 - y0, z1 - z0);
    }

    /** A box of the analysed box. */
    record Region(int x0, int y0, int z0, int w, int h, int d) {
        long voxels() {
            return (long) w * h * d;
        }

        /** Flags of the sides of this region that are not sides of the analysed box of size (bw, bh, bd). */
        int openSides(int bw, int bh, int bd) {
            return (x0 > 0 ? ComponentLabeler.X0 : 0) | (x0 + w < bw ? ComponentLabeler.X1 : 0) | (y0 > 0 ? ComponentLabeler.Y0 : 0)
                    | (y0 + h < bh ? ComponentLabeler.Y1 : 0) | (z0 > 0 ? ComponentLabeler.Z0 : 0) | (z0 + d < bd ? ComponentLabeler.Z1 : 0);
        }

        /** An inner box {x0, x1, y0, y1, z0, z1} in this region's coordinates. */
        int[] window(int ax0, int ay0, int az0, int aw, int ah, int ad) {
            return new int[] {ax0 - x0, ax0 - x0 + aw, ay0 - y0, ay0 - y0 + ah, az0 - z0, az0 - z0 + ad};
        }
    }

    /**
     * Gray values of a region (analysed-box coordinates), as {@link BlockSource#readBox} returns them; with
     * denoising, the filtered values: the region grown by the filter's radius (clipped to the analysed box, whose
     * borders the filter replicates as in the in-memory path) is filtered with {@link Denoise3D} and cut back,
     * so every voxel of the region has the value the whole-box filter gives it.
     */
    Object readGray(BlockSource src, Region r) {
        if (denoise == Denoise3D.Mode.NONE) {
            return src.readBox(box.x0() + r.x0(), box.y0() + r.y0(), box.z0() + r.z0(), r.w(), r.h(), r.d());
        }
        int x0 = Math.max(0, r.x0() - denoiseHalo[0]);
        int y0 = Math.max(0, r.y0() - denoiseHalo[1]);
        int z0 = Math.max(0, r.z0() - denoiseHalo[2]);
        int x1 = Math.min(box.w(), r.x0() + r.w() + denoiseHalo[0]);
        int y1 = Math.min(box.h(), r.y0() + r.h() + denoiseHalo[1]);
        int z1 = Math.min(box.d(), r.z0() + r.d() + denoiseHalo[2]);
        int gw = x1 - x0;
        int gh = y1 - y0;
        Object raw = src.readBox(box.x0() + x0, box.y0() + y0, box.z0() + z0, gw, gh, z1 - z0);
        Object[] planes = new Object[z1 - z0];
        int plane = gw * gh;
        for (int z = 0; z < planes.length; z++) {
            Object p = java.lang.reflect.Array.newInstance(raw.getClass().getComponentType(), plane);
            System.arraycopy(raw, z * plane, p, 0, plane);
            planes[z] = p;
        }
        Denoise3D f = new Denoise3D(VolumeWriters.arraySource(gw, gh, planes, voxelSize), denoise, sigmaUm, voxelSize);
        Object out = switch (f.bitDepth()) {
            case 8 -> new byte[(int) r.voxels()];
            case 16 -> new short[(int) r.voxels()];
            default -> new float[(int) r.voxels()];
        };
        for (int z = 0; z < r.d(); z++) {
            Object s = f.slice(r.z0() - z0 + z);
            for (int y = 0; y < r.h(); y++) {
                System.arraycopy(s, (r.y0() - y0 + y) * gw + r.x0() - x0, out, (z * r.h() + y) * r.w(), r.w());
            }
        }
        return out;
    }

    /** The field of view (w·h of the region) of the cylinder, or null without one. */
    boolean[] fieldOfView(Region r) {
        if (cylinder == null) {
            return null;
        }
        boolean[] in = new boolean[r.w() * r.h()];
        for (int y = 0; y < r.h(); y++) {
            for (int x = 0; x < r.w(); x++) {
                in[y * r.w() + x] = cylinder.inside(x + r.x0() + box.x0(), y + r.y0() + box.y0());
            }
        }
        return in;
    }

    /** Mask codes of a region, one array per plane: the segmentation of the in-memory path ({@link ThresholdedMask#codes}). */
    byte[][] readCodes(BlockSource src, Region r, ThresholdRule rule) {
        byte[] all = ThresholdedMask.codes(readGray(src, r), r.w(), r.h(), rule, fieldOfView(r));
        int plane = r.w() * r.h();
        byte[][] out = new byte[r.d()][];
        for (int z = 0; z < r.d(); z++) {
            out[z] = java.util.Arrays.copyOfRange(all, z * plane, (z + 1) * plane);
        }
        return out;
    }

    /** Bytes per voxel of the gray values read. */
    int grayBytes() {
        return bitDepth == 8 ? 1 : bitDepth == 16 ? 2 : 4;
    }

    /**
     * Heap bytes one task needs for a region of this many voxels: the gray values, their codes (twice while
     * split into planes) and, with {@code perVoxel}, the stage's own arrays.
     */
    long taskBytes(long voxels, int perVoxel) {
        return voxels * (grayBytes() + 2 + perVoxel + (denoise == Denoise3D.Mode.NONE ? 0 : 8)) + (1 << 20);
    }

    /** Heap one task of the measure stage needs (block + 1 voxel and the cleaning margin; labels 4 B/voxel of the block). */
    long measureTaskBytes() {
        int m = cleaningMargin();
        long e = (long) blockSize + 2 + 2L * m;
        return taskBytes(e * e * e, m > 0 ? 4 : 0) + BlockLabels.memoryNeeded(blockSize, blockSize, blockSize);
    }

    /** Heap one local-thickness task needs for a largest squared pore distance maxR2 (units of the smallest spacing²). */
    long localThicknessTaskBytes(double maxR2) {
        int[] halo = LocalThickness.blockHalo(maxR2, voxelSize);
        int m = cleaningMargin();
        long v = 1;
        for (int a = 0; a < 3; a++) {
            v *= Math.min(new int[] {box.w(), box.h(), box.d()}[a], (long) blockSize + 2L * (halo[a] + m));
        }
        return taskBytes(v, 5 + (m > 0 ? 4 : 0));
    }

    /** Heap one task needs at most before the local-thickness radius is known (the measure stage; see {@link BlockwiseRun}). */
    public long memoryPerWorkerBytes() {
        return measureTaskBytes();
    }

    /** Starts the driver's state machine. */
    public BlockwiseRun start() {
        return new BlockwiseRun(this);
    }
}

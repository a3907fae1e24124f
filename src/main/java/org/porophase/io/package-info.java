/**
 * Reading and writing images: SEM cross-sections with their pixel calibration from the file's metadata,
 * XCT volumes in many formats as streamed {@link org.porophase.core.VolumeSource}s, and TIFF output.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.io.SemReader}: {@code read(Path, Double)} and {@code fromImagePlus} give a
 * {@link org.porophase.io.SemImage} (gray pixels, calibration with provenance, vendor metadata,
 * warnings). Calibration sources in order: user, ImageJ TIFF, FEI/Thermo Fisher, Zeiss SmartSEM,
 * TESCAN, Hitachi, JEOL ({@link org.porophase.io.VendorMetadata} documents each format and its source).</li>
 * <li>{@link org.porophase.io.VolumeReaders}: {@code isVolume(Path)} and {@code open(Path, String)} for
 * multi-page TIFF ({@link org.porophase.io.TiffStackReader}), slice folders
 * ({@link org.porophase.io.SequenceSource}), MetaImage and NRRD ({@link org.porophase.io.RawHeaders}),
 * HDF5 ({@link org.porophase.io.Hdf5Source}), ImageJ stacks ({@link org.porophase.io.ImagePlusSource})
 * and, inside Fiji, Bio-Formats ({@link org.porophase.io.BioFormats}, by reflection: not compiled
 * against, not bundled).</li>
 * <li>Chunked volumes through the same {@code VolumeReaders.open(path, dataset, sliceSpacing)}: a Zarr v2 / v3
 * (sharding included) array, an OME-Zarr 0.4 / 0.5 image or an N5 dataset folder opens as a
 * {@link org.porophase.core.BlockSource} (slices and boxes decode only the chunks they cross; one chunk
 * layer cached); {@code dataset} picks the array, level and non-spatial index ({@code "1"}, {@code "s0"},
 * {@code "0:c=1"}). {@link org.porophase.io.VolumeReaders#isChunked} tells such a folder.
 * {@link org.porophase.io.OmeZarrWriter}: {@code write(dir, source, voxelSize, DataType, Compression, chunk)}
 * writes uint8 / uint16 / uint32 / float32 OME-Zarr 0.4 images, streaming and atomic.
 * {@link org.porophase.io.VolumeReadBench}: the {@code bench --volume-io} measurement.</li>
 * <li>{@link org.porophase.io.InputFiles}: the checks every reader makes before reading an input: a
 * regular file (no pipe or device), a TIFF's whole IFD chain walked ({@link org.porophase.io.TiffTags#layout}:
 * no loop, offsets and counts inside the file), the decoded size against the heap, no cut-off pixel
 * data. Every TIFF goes through it before ImageJ's decoder sees it.</li>
 * <li>{@link org.porophase.io.TiffTags}: a bounded reader of the first IFD (vendor tags ImageJ drops)
 * and of the structure of the whole IFD chain;
 * {@link org.porophase.io.TiffWriter}: gray TIFF with calibration and vendor tags (used for synthetic
 * test images).</li>
 * <li>{@link org.porophase.io.VolumeWriters} (TIFF stack, MetaImage, NRRD) and
 * {@link org.porophase.io.ImageWriters} (result TIFFs; refuses to overwrite the input), all atomic.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 1: uses only {@link org.porophase.core}, ImageJ's data and codec classes ({@code ij},
 * {@code ij.io}, {@code ij.process}, {@code ij.measure}), jhdf, zstd-jni and lz4-java (which no other
 * package may use). No
 * AWT, ImageIO or {@code ij.gui}: rendering (PNG, burnt-in overlays) belongs in
 * {@link org.porophase.report}.
 */
package org.porophase.io;

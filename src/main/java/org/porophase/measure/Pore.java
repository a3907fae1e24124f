package org.porophase.measure;

import java.util.List;

/**
 * Measurements of one pore (an 8-connected component of the pore phase). All lengths in µm, areas in
 * µm²; anisotropic pixels are honoured everywhere.
 *
 * @param label         label in {@link PoreAnalysis#labels()} (1..n, raster order of first pixel)
 * @param areaUm2       pixel count × pixel area
 * @param perimeterUm   Crofton perimeter (8 directions, see {@link CroftonPerimeter}); for a pore
 *                      touching the border only its walls inside the image
 * @param ecdUm         equivalent circle diameter 2√(A/π)
 * @param feretMaxUm    maximum caliper diameter of the convex hull of the pore's pixel corners
 *                      (rotating calipers); digitisation adds up to about one pixel diagonal
 * @param feretMinUm    minimum caliper width of the same hull
 * @param feretAngleDeg angle of the maximum Feret diameter in [0, 180), counter-clockwise from the
 *                      +x axis with y pointing up on screen (ImageJ's FeretAngle convention)
 * @param circularity   4πA/P², capped at 1 (ImageJ convention); unreliable for pores below ~50 px,
 *                      NaN when P = 0
 * @param centroidXUm   centroid x of the pixel centres, µm from the image's left edge
 * @param centroidYUm   centroid y of the pixel centres, µm from the image's top edge
 * @param touchesBorder true when a pixel lies in the first/last row or column of the image
 * @param counted       true when the pore is counted in {@link PoreAnalysis#poreCount()} under the
 *                      border policy used
 */
public record Pore(int label, double areaUm2, double perimeterUm, double ecdUm, double feretMaxUm,
        double feretMinUm, double feretAngleDeg, double circularity, double centroidXUm, double centroidYUm,
        boolean touchesBorder, boolean counted) {

    /** Column names of {@link #csvRow()}, unit-suffixed. */
    public static final List<String> CSV_HEADER = List.of("label", "area_um2", "perimeter_um", "ecd_um", "feret_max_um",
            "feret_min_um", "feret_angle_deg", "circularity", "centroid_x_um", "centroid_y_um", "touches_border", "counted");

    /** This pore's values in {@link #CSV_HEADER} order. */
    public List<Object> csvRow() {
        return List.of(label, areaUm2, perimeterUm, ecdUm, feretMaxUm, feretMinUm, feretAngleDeg, circularity, centroidXUm,
                centroidYUm, touchesBorder, counted);
    }
}

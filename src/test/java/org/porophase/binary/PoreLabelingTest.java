package org.porophase.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PoreLabelingTest {

    @Test
    void diagonalChainIsOnePoreAndCutsTheSolid() {
        // 4x4 anti-diagonal: one 8-connected pore; the solid splits into two 4-connected parts
        int w = 4, h = 4;
        byte[] m = new byte[w * h];
        for (int i = 0; i < 4; i++) {
            m[i * w + (3 - i)] = (byte) 255;
        }
        assertEquals(1, PoreLabeling.label(m, w, h, true, 8).count());
        assertEquals(4, PoreLabeling.label(m, w, h, true, 4).count());
        assertEquals(2, PoreLabeling.label(m, w, h, false, 4).count());
    }

    @Test
    void labelsAreInRasterOrderOfFirstPixel() {
        int w = 6, h = 3;
        byte[] m = new byte[w * h];
        m[4] = 1;          // (4,0): first
        m[w + 1] = 1;      // (1,1): second
        m[2 * w + 5] = 1;  // (5,2): third, not touching (4,0)
        PoreLabeling.Labels l = PoreLabeling.label(m, w, h, true, 8);
        assertEquals(3, l.count());
        assertEquals(1, l.labels()[4]);
        assertEquals(2, l.labels()[w + 1]);
        assertEquals(3, l.labels()[2 * w + 5]);
    }

    /** Random images: same partition as a breadth-first flood fill (count and co-membership). */
    @Test
    void matchesFloodFillOnRandomImages() {
        Random rnd = new Random(9);
        for (int conn : new int[] {4, 8}) {
            for (int t = 0; t < 5; t++) {
                int w = 97, h = 61;
                byte[] m = new byte[w * h];
                for (int i = 0; i < m.length; i++) {
                    m[i] = rnd.nextDouble() < 0.45 ? (byte) 255 : 0;
                }
                PoreLabeling.Labels l = PoreLabeling.label(m, w, h, true, conn);
                int[] ref = flood(m, w, h, conn);
                int refCount = 0;
                int[] map = new int[w * h + 1];
                for (int i = 0; i < m.length; i++) {
                    refCount = Math.max(refCount, ref[i]);
                    if (ref[i] != 0) {
                        if (map[ref[i]] == 0) {
                            map[ref[i]] = l.labels()[i];
                        }
                        assertEquals(map[ref[i]], l.labels()[i]);
                    } else {
                        assertEquals(0, l.labels()[i]);
                    }
                }
                assertEquals(refCount, l.count());
            }
        }
    }

    private static int[] flood(byte[] m, int w, int h, int conn) {
        int[] lab = new int[w * h];
        int next = 0;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int s = 0; s < m.length; s++) {
            if (m[s] == 0 || lab[s] != 0) {
                continue;
            }
            lab[s] = ++next;
            q.add(s);
            while (!q.isEmpty()) {
                int p = q.poll();
                int x = p % w, y = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (conn == 4 && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                            continue;
                        }
                        int k = ny * w + nx;
                        if (m[k] != 0 && lab[k] == 0) {
                            lab[k] = next;
                            q.add(k);
                        }
                    }
                }
            }
        }
        return lab;
    }

    /** The decision-tree labelling against a breadth-first flood fill, random masks of several densities, 4- and 8-connectivity. */
    @org.junit.jupiter.api.Test
    void matchesFloodFill() {
        java.util.Random rnd = new java.util.Random(5);
        for (double p : new double[] {0.3, 0.5, 0.6, 0.8}) {
            for (int conn : new int[] {4, 8}) {
                int w = 83;
                int h = 57;
                byte[] m = new byte[w * h];
                for (int i = 0; i < m.length; i++) {
                    m[i] = rnd.nextDouble() < p ? (byte) 255 : 0;
                }
                PoreLabeling.Labels lab = PoreLabeling.label(m, w, h, true, conn);
                int[] ref = new int[w * h];
                int count = 0;
                int[] queue = new int[w * h];
                for (int s0 = 0; s0 < m.length; s0++) {
                    if (m[s0] == 0 || ref[s0] != 0) {
                        continue;
                    }
                    count++;
                    int qh = 0;
                    int qt = 0;
                    queue[qt++] = s0;
                    ref[s0] = count;
                    while (qh < qt) {
                        int c = queue[qh++];
                        int cx = c % w;
                        int cy = c / w;
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                if ((dx == 0 && dy == 0) || (conn == 4 && dx != 0 && dy != 0)) {
                                    continue;
                                }
                                int x = cx + dx;
                                int y = cy + dy;
                                if (x < 0 || y < 0 || x >= w || y >= h) {
                                    continue;
                                }
                                int j = y * w + x;
                                if (m[j] != 0 && ref[j] == 0) {
                                    ref[j] = count;
                                    queue[qt++] = j;
                                }
                            }
                        }
                    }
                }
                org.junit.jupiter.api.Assertions.assertEquals(count, lab.count(), "p " + p + " conn " + conn);
                // same partition, same numbering (raster order of the first pixel)
                org.junit.jupiter.api.Assertions.assertArrayEquals(ref, lab.labels(), "p " + p + " conn " + conn);
            }
        }
    }

    /** Grid labelling: cells touching by a face, an edge or a corner are one component at 6, 18 or 26 only. */
    @Test
    void gridConnectivities() {
        int nx = 3, ny = 3, nz = 3;
        boolean[] m = new boolean[nx * ny * nz];
        m[0] = true;                           // (0,0,0)
        m[1 + nx] = true;                      // (1,1,0): edge neighbour of (0,0,0)
        m[2 + nx * 2 + nx * ny * 1] = true;    // (2,2,1): corner neighbour of (1,1,0)
        int[] lab = new int[m.length];
        assertEquals(3, PoreLabeling.labelGrid(m, lab, nx, ny, nz, 6));
        assertEquals(2, PoreLabeling.labelGrid(m, lab, nx, ny, nz, 18));
        assertEquals(1, PoreLabeling.labelGrid(m, lab, nx, ny, nz, 26));
        assertEquals(-1, lab[2]);
        // the same in a 2D grid: 4 ≡ 6, 8 ≡ 18
        assertEquals(2, PoreLabeling.labelGrid(new boolean[] {true, false, false, true}, new int[4], 2, 2, 1, 4));
        assertEquals(1, PoreLabeling.labelGrid(new boolean[] {true, false, false, true}, new int[4], 2, 2, 1, 8));
    }

    /** Flood fill from seeds reaches exactly the face-connected part of the mask. */
    @Test
    void floodFromSeeds() {
        int nx = 4, ny = 1, nz = 3;
        boolean[] mask = {true, true, false, true, false, true, false, true, true, true, true, true};
        boolean[] reached = new boolean[mask.length];
        int[] q = new int[mask.length];
        q[0] = 0;
        reached[0] = true;
        int n = PoreLabeling.flood(mask, reached, q, 1, nx, ny, nz, 6);
        // z=0: x0,x1 ; z=1: x1 ; z=2: x0..x3 ; z=0 x3 reached through z=1 x3 and z=2
        assertEquals(9, n);
        assertEquals(true, reached[3]);
        assertEquals(false, reached[2]);
    }
}

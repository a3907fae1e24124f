package org.porophase.synth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import ij.process.ImageProcessor;

/**
 * A 5×7 pixel bitmap font (upper-case letters, digits, a few signs) for the synthetic info bar.
 * <p>
 * Used instead of {@code ImageProcessor.drawString} so that the generated test images are identical on
 * every machine (Java font rendering depends on the installed fonts and on anti-aliasing settings) and
 * so that generation works on headless systems without any fonts installed.
 */
final class BitmapFont {
    private BitmapFont() {
    }

    static final int GLYPH_W = 5;
    static final int GLYPH_H = 7;

    private static final Map<Character, String[]> GLYPHS = new HashMap<>();

    private static void g(char c, String... rows) {
        GLYPHS.put(c, rows);
    }

    static {
        g('A', " ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #");
        g('B', "#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### ");
        g('C', " ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### ");
        g('D', "#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### ");
        g('E', "#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####");
        g('F', "#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    ");
        g('G', " ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####");
        g('H', "#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #");
        g('I', " ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        g('J', "  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  ");
        g('K', "#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #");
        g('L', "#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####");
        g('M', "#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #");
        g('N', "#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #");
        g('O', " ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### ");
        g('P', "#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    ");
        g('Q', " ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #");
        g('R', "#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #");
        g('S', " ####", "#    ", "#    ", " ### ", "    #", "    #", "#### ");
        g('T', "#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ");
        g('U', "#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### ");
        g('V', "#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  ");
        g('W', "#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # ");
        g('X', "#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #");
        g('Y', "#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  ");
        g('Z', "#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####");
        g('0', " ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### ");
        g('1', "  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        g('2', " ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####");
        g('3', "#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### ");
        g('4', "   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # ");
        g('5', "#####", "#    ", "#### ", "    #", "    #", "#   #", " ### ");
        g('6', "  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### ");
        g('7', "#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   ");
        g('8', " ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### ");
        g('9', " ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  ");
        g('.', "     ", "     ", "     ", "     ", "     ", " ##  ", " ##  ");
        g(':', "     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     ");
        g('-', "     ", "     ", "     ", "#####", "     ", "     ", "     ");
        g('/', "     ", "    #", "   # ", "  #  ", " #   ", "#    ", "     ");
        g('=', "     ", "     ", "#####", "     ", "#####", "     ", "     ");
        g('%', "##   ", "##  #", "   # ", "  #  ", " #   ", "#  ##", "   ##");
        g(' ', "     ", "     ", "     ", "     ", "     ", "     ", "     ");
    }

    /** Width in pixels of {@code text} at integer {@code scale} (1 column of spacing between glyphs). */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (GLYPH_W + 1) - 1) * scale;
    }

    /**
     * Draws {@code text} (upper-cased; µ drawn as U; unknown characters as blanks) with its top-left corner
     * at (x, y), each font pixel a {@code scale}×{@code scale} block of value {@code value}.
     */
    static void draw(ImageProcessor ip, String text, int x, int y, int scale, double value) {
        String t = text.toUpperCase(Locale.ROOT).replace('µ', 'U').replace('Μ', 'U');
        int cx = x;
        for (int i = 0; i < t.length(); i++) {
            String[] rows = GLYPHS.getOrDefault(t.charAt(i), GLYPHS.get(' '));
            for (int r = 0; r < GLYPH_H; r++) {
                for (int c = 0; c < GLYPH_W; c++) {
                    if (rows[r].charAt(c) == '#') {
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                int px = cx + c * scale + dx;
                                int py = y + r * scale + dy;
                                if (px >= 0 && py >= 0 && px < ip.getWidth() && py < ip.getHeight()) {
                                    ip.putPixelValue(px, py, value);
                                }
                            }
                        }
                    }
                }
            }
            cx += (GLYPH_W + 1) * scale;
        }
    }
}

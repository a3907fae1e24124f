package org.porophase.core;

import java.util.List;
import java.util.Locale;

/** CSV text for tables: a header row and rows of values, RFC 4180 quoting, '.' decimals. */
public final class Csv {
    private Csv() {
    }

    /** Builds CSV text from a header and rows (each row's values in header order). */
    public static String table(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder(64 * (rows.size() + 1));
        row(sb, header);
        for (List<?> r : rows) {
            row(sb, r);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(values.get(i)));
        }
        sb.append('\n');
    }

    /** One cell: numbers in full precision (NaN as empty), text quoted when needed. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return "";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return String.format(Locale.ROOT, "%.10g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}

package org.porophase.spark;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.porophase.core.Csv;
import org.porophase.core.OutputFolder;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.StagedBatch;

/**
 * The run's table in the output folder: {@code NAME.csv} (exactly {@link Csv#table}, as the CLI writes
 * {@code summary.csv}) and, unless {@code --no-parquet}, {@code NAME.parquet} (a Parquet dataset folder
 * written by Spark SQL, one part file; typed columns: a column whose values are all whole numbers is
 * {@code long}, all numbers {@code double}, all booleans {@code boolean}, anything else {@code string};
 * empty cells are null). Both are written atomically: the CSV by {@link OutputFolder#writeFile}, the
 * Parquet folder into a staging folder in OUT and swapped in for the earlier one as a whole.
 */
final class SparkTables {
    private SparkTables() {
    }

    /** Writes {@code name.csv} and (when {@code parquet}) {@code name.parquet}; returns the paths written. */
    static List<Path> write(SparkSession spark, OutputFolder folder, String name, List<String> columns, List<List<Object>> rows, boolean parquet) {
        List<Path> out = new ArrayList<>();
        out.add(folder.writeFile(name + ".csv", Csv.table(columns, rows)));
        if (parquet) {
            out.add(writeParquet(spark, folder, name + ".parquet", columns, rows));
        }
        return out;
    }

    /** The column's Spark SQL type, from its values (see the class comment). */
    static DataType typeOf(List<List<Object>> rows, int col) {
        boolean any = false;
        boolean integral = true;
        boolean numbers = true;
        boolean booleans = true;
        for (List<Object> r : rows) {
            Object v = r.get(col);
            if (v == null || (v instanceof CharSequence s && s.isEmpty())) {
                continue;
            }
            any = true;
            booleans &= v instanceof Boolean;
            numbers &= v instanceof Number;
            integral &= v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
        }
        if (!any) {
            return DataTypes.StringType;
        }
        if (numbers) {
            return integral ? DataTypes.LongType : DataTypes.DoubleType;
        }
        return booleans ? DataTypes.BooleanType : DataTypes.StringType;
    }

    private static Object convert(Object v, DataType t) {
        if (v == null || (v instanceof CharSequence s && s.isEmpty() && t != DataTypes.StringType)) {
            return null;
        }
        if (t == DataTypes.LongType) {
            return ((Number) v).longValue();
        }
        if (t == DataTypes.DoubleType) {
            return ((Number) v).doubleValue();
        }
        if (t == DataTypes.BooleanType) {
            return v;
        }
        return v instanceof Number || v instanceof Boolean ? Csv.cell(v) : String.valueOf(v);
    }

    private static Path writeParquet(SparkSession spark, OutputFolder folder, String name, List<String> columns, List<List<Object>> rows) {
        List<StructField> fields = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            DataType t = typeOf(rows, c);
            types.add(t);
            fields.add(DataTypes.createStructField(columns.get(c), t, true));
        }
        List<Row> data = new ArrayList<>();
        for (List<Object> r : rows) {
            Object[] v = new Object[columns.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = convert(r.get(c), types.get(c));
            }
            data.add(RowFactory.create(v));
        }
        Path staging = folder.dir().resolve(OutputFolder.STAGING_PREFIX + "parquet-" + Long.toString(System.nanoTime() & Long.MAX_VALUE, 36));
        Path target = folder.dir().resolve(name);
        try {
            Path written = staging.resolve(name);
            spark.createDataFrame(data, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write().parquet(written.toUri().toString());
            replace(written, target, staging);
            return target;
        } finally {
            StagedBatch.deleteQuietly(staging);
        }
    }

    /** Spark's files in a Parquet folder: part files, the _SUCCESS marker and Hadoop's checksums. */
    private static boolean sparkFile(String n) {
        return n.startsWith("part-") || n.equals("_SUCCESS") || (n.startsWith(".") && n.endsWith(".crc")) || n.startsWith("._SUCCESS");
    }

    /** Swaps the new folder in for {@code target} (which must hold only Spark's files); the earlier one is removed after. */
    private static void replace(Path fresh, Path target, Path staging) {
        try {
            Path retired = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PoroPhaseException("cannot write " + target + ": a file of that name is in the way (move it away)");
                }
                try (Stream<Path> s = Files.list(target)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (!sparkFile(p.getFileName().toString()) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                            throw new PoroPhaseException("refusing to replace " + target + ": it holds " + p.getFileName()
                                    + ", which PoroPhase did not write; choose another --out or move it away");
                        }
                    }
                }
                retired = staging.resolve("retired");
                move(target, retired);
            }
            try {
                move(fresh, target);
            } catch (IOException e) {
                if (retired != null) {
                    move(retired, target);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot move " + target.getFileName() + " into " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}

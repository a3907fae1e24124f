package org.porophase.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.porophase.core.OutputFolder;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.StagedBatch;

import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs the items of a batch or sweep as Spark tasks (one task per item unless {@code --partitions}) and
 * hands each item's {@link StagedBatch.Outcome} to the driver as soon as its task has finished, so the
 * driver commits finished items while the others still run ({@link StagedBatch#commit}).
 * <p>
 * Every task attempt writes into its own staging folder {@code AREA/item-I-attempt-A-TID} inside the
 * output folder; Spark delivers the result of exactly one attempt per task, and only that attempt's
 * folder is committed. A task that Spark runs again (executor lost, out of memory: the item's own
 * failures are outcomes, not exceptions, and are not retried) writes into a fresh folder; the area and
 * whatever the other attempts left in it are removed at the end ({@link #close}), or by the next run
 * into the output folder if the driver itself dies (the area's name starts with
 * {@link OutputFolder#STAGING_PREFIX}).
 */
final class Distributed implements AutoCloseable {

    /** One unit of work: its index (input order), its input (or null), its stem, and for a sweep its grid point. */
    record Item(int index, String input, String stem, LinkedHashMap<String, Object> point) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** An item's outcome and the seconds its work took on the executor. */
    record Timed(StagedBatch.Outcome outcome, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a run took: items whose task never finished (index → reason), the wall time of the distributed
     * part on the driver, and the sum of the items' own times on the executors (their difference, spread
     * over the task slots, is Spark's overhead per task: scheduling, serialisation, result transfer).
     */
    record Stats(Map<Integer, String> lost, double wallSeconds, double itemSeconds, int tasks) {
        /** One line for the log: wall, items' time, tasks. */
        String describe() {
            return String.format(java.util.Locale.ROOT, "%d task(s) in %.2f s wall, the items' own work %.2f s", tasks, wallSeconds, itemSeconds);
        }
    }

    /** What runs one item on an executor, into its private staging folder, with the task's cores. */
    interface Work extends Serializable {
        StagedBatch.Outcome run(Item item, Path staging, int cpus);
    }

    private final SparkSession spark;
    private final Path area;
    /** The driver's working directory, against which the tasks resolve relative inputs. */
    private final String base = Path.of("").toAbsolutePath().toString();

    /**
     * Creates the run's staging area inside the (held) output folder. Its path, as every input an item names, is made
     * absolute against the driver's working directory: an executor runs in a working directory of its own (on a
     * standalone worker {@code work/APP/N/}), where a relative path names another file or none.
     */
    Distributed(SparkSession spark, OutputFolder folder) {
        this.spark = spark;
        this.area = folder.dir().toAbsolutePath().resolve(OutputFolder.STAGING_PREFIX + "spark-" + Long.toString(System.nanoTime() & Long.MAX_VALUE, 36));
        try {
            Files.createDirectories(area);
        } catch (java.io.IOException e) {
            throw new PoroPhaseException("cannot write into the output folder " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The staging area of this run. */
    Path area() {
        return area;
    }

    /**
     * Runs every item; {@code onOutcome} is called on the calling thread, once per item whose task
     * finished, as the outcomes arrive. Returns index → reason for the items whose task never finished
     * (the job was aborted: a task failed {@code spark.task.maxFailures} times).
     */
    Stats run(List<Item> items, Work work, int partitions, Consumer<StagedBatch.Outcome> onOutcome) {
        Map<Integer, String> lost = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return new Stats(lost, 0, 0, 0);
        }
        long t0 = System.nanoTime();
        double[] itemSeconds = {0};
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = partitions > 0 ? Math.min(partitions, items.size()) : items.size();
        JavaRDD<Item> rdd = jsc.parallelize(new ArrayList<>(items), slices);
        LinkedBlockingQueue<Timed[]> queue = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        ClassTag<Timed[]> tag = (ClassTag<Timed[]>) (ClassTag<?>) ClassTag$.MODULE$.apply(Timed[].class);
        Thread job = new Thread(() -> {
            try {
                spark.sparkContext().runJob(rdd.rdd(), new Task(work, area.toString(), base), new Handler(queue), tag);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "porophase-spark-job");
        job.setDaemon(true);
        job.start();
        boolean[] seen = new boolean[items.size()];
        try {
            while (job.isAlive() || !queue.isEmpty()) {
                Timed[] batch = queue.poll(200, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                for (Timed t : batch) {
                    seen[t.outcome().index()] = true;
                    itemSeconds[0] += t.seconds();
                    onOutcome.accept(t.outcome());
                }
            }
            job.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spark.sparkContext().cancelAllJobs();
            throw new PoroPhaseException("interrupted: the Spark job was cancelled; finished items are committed", e);
        }
        Throwable t = failure.get();
        if (t != null) {
            String why = firstLine(t);
            for (Item it : items) {
                if (!seen[it.index()]) {
                    lost.put(it.index(), "not completed: the Spark job was aborted (" + why
                            + "); give the executors more memory (--executor-memory) or run it again (finished items are kept)");
                }
            }
        }
        return new Stats(lost, (System.nanoTime() - t0) / 1e9, itemSeconds[0], slices);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** Removes the staging area (the folders of attempts that were never committed). */
    @Override
    public void close() {
        StagedBatch.deleteQuietly(area);
    }

    /** The task: every item of its partition, each into its attempt's staging folder. */
    static final class Task extends AbstractFunction2<TaskContext, scala.collection.Iterator<Item>, Timed[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Work work;
        private final String area;
        private final String base;

        Task(Work work, String area, String base) {
            this.work = work;
            this.area = area;
            this.base = base;
        }

        @Override
        public Timed[] apply(TaskContext ctx, scala.collection.Iterator<Item> it) {
            List<Timed> out = new ArrayList<>();
            while (it.hasNext()) {
                Item item = resolved(it.next(), base);
                Path staging = Path.of(area).resolve("item-" + item.index() + "-attempt-" + ctx.attemptNumber() + "-" + ctx.taskAttemptId());
                long t0 = System.nanoTime();
                StagedBatch.Outcome o = work.run(item, staging, Math.max(1, ctx.cpus()));
                out.add(new Timed(o, (System.nanoTime() - t0) / 1e9));
            }
            return out.toArray(new Timed[0]);
        }
    }

    /**
     * The item as the executor opens it: a relative input is the driver's, resolved against the driver's working
     * directory {@code base} (not the executor's); an absolute one, or none, as it is.
     */
    static Item resolved(Item item, String base) {
        return item.input() == null ? item : new Item(item.index(), Path.of(base).resolve(item.input()).toString(), item.stem(), item.point());
    }

    /** Driver side: each task's outcomes into the queue the calling thread drains. */
    static final class Handler extends AbstractFunction2<Object, Timed[], BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient LinkedBlockingQueue<Timed[]> queue;

        Handler(LinkedBlockingQueue<Timed[]> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, Timed[] outcomes) {
            queue.add(outcomes);
            return BoxedUnit.UNIT;
        }
    }
}

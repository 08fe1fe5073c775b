package io.porter.exports;

import io.porter.database.DatabaseUrl;
import io.porter.exports.files.ExportColumns;
import io.porter.exports.files.ExportContact;
import io.porter.exports.files.ExportWriter;
import io.porter.exports.files.ExportWriters;
import io.porter.jobs.Addresses;
import io.porter.jobs.Job;
import io.porter.jobs.JobContext;
import io.porter.jobs.JobHandler;
import io.porter.storage.BlobStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an export: writes the selection to a temporary file on worker threads (counting it beside, once the
 * export has run a second), then moves the file to the store. A CSV file is written by PostgreSQL itself
 * ({@link CsvCopyQuery}, COPY TO STDOUT), a big tenant's as two COPYs at once ({@link CsvCopyParts}), and
 * streamed row by row into the file; XLSX and JSON (and a CSV whose custom values need the JSON reader's
 * rendering) are read with a cursor in chunks and written by the {@code files} writers. Memory holds one
 * chunk. An export that is interrupted starts again from the beginning (its file is local to the worker).
 */
final class ExportHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(ExportHandler.class);
    static final String KIND = "export";
    static final int CHUNK = 2000;
    static final int CUSTOM_KEYS_LIMIT = 1000;
    private static final long PROGRESS_EVERY_MS = 250;
    /**
     * Counting 1,000,000 contacts beside a CSV export's COPY cost it a tenth of its one second (three busy
     * processes on two cores), for a total nobody sees in a second.
     */
    static final long COUNT_AFTER_MS = 1000;

    private final Vertx vertx;
    private final Pool pool;
    private final DatabaseUrl databaseUrl;
    private final ExportJobs jobs;
    private final BlobStore store;
    private final WorkerExecutor writers;
    private final Duration fileTtl;
    private final long copySplitContacts;

    ExportHandler(Vertx vertx, Pool pool, DatabaseUrl databaseUrl, ExportJobs jobs, BlobStore store,
                  WorkerExecutor writers, Duration fileTtl, long copySplitContacts) {
        this.vertx = vertx;
        this.pool = pool;
        this.databaseUrl = databaseUrl;
        this.jobs = jobs;
        this.store = store;
        this.writers = writers;
        this.fileTtl = fileTtl;
        this.copySplitContacts = copySplitContacts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(JobContext ctx) {
        UUID tenantId = ctx.job().tenantId();
        return jobs.find(tenantId, ctx.job().subjectId()).compose(found -> {
            if (found.isEmpty() || !List.of("pending", "processing").contains(found.get().status())) {
                return Future.succeededFuture();
            }
            return new ExportRun(ctx, found.get()).execute();
        });
    }

    @Override
    public Future<Void> gaveUp(Job queued, String reason) {
        String message = "the export stopped after " + queued.attemptsMade() + ": " + reason;
        return jobs.fail(queued.tenantId(), queued.subjectId(), message)
                .onSuccess(failed -> failed.ifPresent(this::publishFinal))
                .mapEmpty();
    }

    /** The export's last progress message and its completion. */
    private void publishFinal(ExportJob finished) {
        vertx.eventBus().publish(Addresses.EXPORT_PROGRESS, finished.progressJson());
        finished.completion().publish(vertx.eventBus());
    }

    private final class ExportRun {
        private final JobContext ctx;
        private final ExportJob job;
        private final ContactSelection selection;
        private Path file;
        private final List<Path> laterParts = new ArrayList<>();
        private OutputStream out;
        private ExportWriter writer;
        private ExportColumns columns;
        private long total;
        private boolean counted;
        private long processed;
        private long lastProgress;
        private Future<Void> progressWritten = Future.succeededFuture();
        private final PhaseTimes timings = new PhaseTimes();
        private String writtenBy = "rows";

        ExportRun(JobContext ctx, ExportJob job) {
            this.ctx = ctx;
            this.job = job;
            this.selection = ContactSelection.of(job.tenantId(), job.segmentId(), job.filters());
        }

        /**
         * The selection is counted only when the export is still running after {@value #COUNT_AFTER_MS} ms, beside
         * the writing; an export done sooner takes its total from the contacts it wrote. Progress is published
         * and persisted once the total is known.
         */
        Future<Void> execute() {
            Future<?> started = jobs.start(job.tenantId(), job.id(), 0);
            long countTimer = vertx.setTimer(COUNT_AFTER_MS, id -> count());
            return customKeys()
                    .onSuccess(keys -> timings.ended("keys"))
                    .compose(this::writeFile)
                    .onSuccess(written -> timings.ended("file"))
                    .compose(done -> upload())
                    .onSuccess(stored -> timings.ended("store"))
                    .compose(stored -> started.map(stored))
                    .compose(fileUrl -> {
                        vertx.cancelTimer(countTimer);
                        return jobs.complete(job.tenantId(), job.id(), fileUrl.url(), fileUrl.size(), processed,
                                counted ? total : processed, fileTtl.toSeconds());
                    })
                    .onSuccess(completed -> completed.ifPresent(ExportHandler.this::publishFinal))
                    .onSuccess(completed -> log.info("export {}: {} contacts to {} ({}) in {}", job.id(), processed,
                            job.fileFormat(), writtenBy, timings))
                    .<Void>mapEmpty()
                    .recover(this::failUnlessRetryable)
                    .eventually(this::deleteTempFile);
        }

        private void count() {
            pool.preparedQuery(selection.count()).execute(selection.params())
                    .compose(rows -> {
                        total = rows.iterator().next().getLong(0);
                        return jobs.counted(job.tenantId(), job.id(), total);
                    })
                    .onSuccess(v -> {
                        counted = true;
                        timings.ended("count");
                    })
                    .onFailure(failure -> log.warn("export {}: counting its contacts failed; its total will be the "
                            + "contacts written", job.id(), failure));
        }

        private Future<List<String>> customKeys() {
            if (!includeCustomFields()) {
                return Future.succeededFuture(List.of());
            }
            return pool.preparedQuery(selection.customKeys()).execute(selection.params()).map(rows -> {
                List<String> keys = new ArrayList<>();
                rows.forEach(row -> keys.add(row.getString(0)));
                return keys;
            });
        }

        private Future<Void> writeFile(List<String> keys) {
            columns = ExportColumns.of(selectedFields(), includeCustomFields(), keys,
                    job.options().getBoolean("includeEngagementMetrics", false));
            if (!isCsv()) {
                return writeRows();
            }
            return copyCsv().recover(failure -> {
                if (!(failure instanceof CsvCopyWriter.NeedsRowWriter)) {
                    return Future.failedFuture(failure);
                }
                return progressWritten.eventually(this::deleteTempFile).compose(deleted -> {
                    processed = 0;
                    writtenBy = "rows after copy";
                    return writeRows();
                });
            });
        }

        private Future<Void> copyCsv() {
            boolean csvSafe = job.options().getBoolean("csvSafe", true);
            writtenBy = "copy";
            return writers.executeBlocking(() -> openParts(csvSafe), true)
                    .compose(parts -> {
                        timings.ended("connect");
                        writtenBy = parts.size() == 1 ? "copy" : "copy in " + parts.size() + " parts";
                        return copyParts(parts, csvSafe).eventually(() -> writers.executeBlocking(() -> {
                            parts.close();
                            return null;
                        }, false));
                    })
                    .recover(failure -> Future.failedFuture(failure instanceof CsvCopyWriter.Stopped
                            ? new IllegalStateException(failure.getMessage()) : failure))
                    .compose(rows -> {
                        processed = rows;
                        return progressWritten;
                    });
        }

        /** The export's COPYs, and a temporary file for each: the export's own (with the header) for the first. */
        private CsvCopyParts openParts(boolean csvSafe) throws Exception {
            CsvCopyParts parts = CsvCopyParts.open(databaseUrl, selection, columns, copySplitContacts);
            try {
                file = Files.createTempFile("porter-export-", ".csv");
                Files.write(file, ExportWriters.csvHeader(columns, csvSafe));
                for (int i = 1; i < parts.size(); i++) {
                    laterParts.add(Files.createTempFile("porter-export-", ".csv.part" + i));
                }
                return parts;
            } catch (Exception e) {
                parts.close();
                throw e;
            }
        }

        /** Every part at once, each into its file on a thread of the writers' pool; then the files are joined. */
        private Future<Long> copyParts(CsvCopyParts parts, boolean csvSafe) {
            Context context = vertx.getOrCreateContext();
            long[] rowsSoFar = new long[parts.size()];
            AtomicBoolean partFailed = new AtomicBoolean();
            List<Future<Long>> copies = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                int index = i;
                Path target = index == 0 ? file : laterParts.get(index - 1);
                copies.add(writers.executeBlocking(() -> {
                    try (OutputStream partOut = new BufferedOutputStream(
                            Files.newOutputStream(target, StandardOpenOption.APPEND), 64 * 1024)) {
                        return parts.copy(index, csvSafe, partOut, rows -> context.runOnContext(v -> {
                            rowsSoFar[index] = rows;
                            copied(Arrays.stream(rowsSoFar).sum());
                        }), () -> partFailed.get() || ctx.stopRequested());
                    } catch (Exception e) {
                        partFailed.set(true);
                        throw e;
                    }
                }, false));
            }
            return Future.join(copies).transform(done -> done.succeeded()
                    ? writers.executeBlocking(this::joinParts, true).map(joined -> copies.stream().mapToLong(Future::result).sum())
                    : Future.failedFuture(mainFailure(copies)));
        }

        /** Appends the later parts' files to the export's, in order (a copy in the kernel), and deletes them. */
        private Void joinParts() throws IOException {
            try (FileChannel joined = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Path part : laterParts) {
                    try (FileChannel source = FileChannel.open(part, StandardOpenOption.READ)) {
                        for (long at = 0, size = source.size(); at < size; ) {
                            at += source.transferTo(at, size - at, joined);
                        }
                    }
                    Files.delete(part);
                }
            }
            laterParts.clear();
            return null;
        }

        /** Progress of a COPY: persisted and published at most every 250 ms, one update in flight at a time. */
        private void copied(long rows) {
            processed = rows;
            long now = System.currentTimeMillis();
            if (!counted || now - lastProgress < PROGRESS_EVERY_MS || !progressWritten.isComplete()) {
                return;
            }
            lastProgress = now;
            vertx.eventBus().publish(Addresses.EXPORT_PROGRESS, processingMessage());
            progressWritten = jobs.progress(job.tenantId(), job.id(), rows);
        }

        private Future<Void> writeRows() {
            return writers.executeBlocking(this::openFile, true)
                    .compose(opened -> pool.withTransaction(this::streamContacts))
                    .compose(done -> writers.executeBlocking(this::closeFile, true));
        }

        private void openTempFile() throws IOException {
            file = Files.createTempFile("porter-export-", "." + job.fileFormat());
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        }

        private Void openFile() throws IOException {
            openTempFile();
            writer = ExportWriters.create(job.fileFormat(), out, job.options().getBoolean("csvSafe", true));
            writer.start(columns);
            return null;
        }

        private boolean isCsv() {
            return "csv".equalsIgnoreCase(job.fileFormat());
        }

        private boolean includeCustomFields() {
            return job.options().getBoolean("includeCustomFields", false);
        }

        private Future<Void> streamContacts(SqlConnection conn) {
            Future<?> planned = selection.wholeTenant()
                    ? conn.query("SET LOCAL " + ContactSelection.NO_SORT + " = off").execute()
                    : Future.succeededFuture();
            return planned.compose(set -> conn.prepare(selection.contacts()))
                    .compose(statement -> readChunks(statement.cursor(selection.params())));
        }

        private Future<Void> readChunks(Cursor cursor) {
            if (ctx.stopRequested()) {
                return Future.failedFuture(new IllegalStateException("export stopped: lease lost or worker stopping"));
            }
            return cursor.read(CHUNK).compose(rows -> {
                List<ExportContact> chunk = new ArrayList<>(rows.size());
                rows.forEach(row -> chunk.add(toContact(row)));
                return writers.executeBlocking(() -> {
                    chunk.forEach(writer::write);
                    return null;
                }, true).compose(written -> {
                    processed += chunk.size();
                    return progress();
                }).compose(v -> cursor.hasMore() ? readChunks(cursor) : cursor.close());
            });
        }

        /** Persisted every chunk; published at most every 250 ms. */
        private Future<Void> progress() {
            if (!counted) {
                return Future.succeededFuture();
            }
            long now = System.currentTimeMillis();
            if (now - lastProgress >= PROGRESS_EVERY_MS) {
                lastProgress = now;
                vertx.eventBus().publish(Addresses.EXPORT_PROGRESS, processingMessage());
            }
            return jobs.progress(job.tenantId(), job.id(), processed);
        }

        private Void closeFile() throws IOException {
            writer.finish();
            out.close();
            return null;
        }

        private record Stored(String url, long size) {
        }

        private Future<Stored> upload() {
            String key = job.tenantId() + "/exports/" + job.id() + "/contacts-" + job.id() + "." + job.fileFormat();
            return store.moveFile(key, file).map(size -> new Stored(store.fileUrl(key), size));
        }

        private Future<Void> failUnlessRetryable(Throwable failure) {
            if (failure instanceof IllegalArgumentException || failure instanceof UncheckedIOException) {
                return jobs.fail(job.tenantId(), job.id(), failure.getMessage()).onSuccess(failed ->
                        failed.ifPresent(ExportHandler.this::publishFinal)).mapEmpty();
            }
            return Future.failedFuture(failure);
        }

        private Future<Void> deleteTempFile() {
            if (file == null) {
                return Future.succeededFuture();
            }
            Path path = file;
            file = null;
            List<Path> parts = List.copyOf(laterParts);
            laterParts.clear();
            return writers.executeBlocking(() -> {
                for (Path part : parts) {
                    Files.deleteIfExists(part);
                }
                if (out != null) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // already closed, or failed: the file goes anyway
                    }
                }
                Files.deleteIfExists(path);
                return null;
            });
        }

        /** Once per export, by whichever run moved it to its terminal state. */
        private JsonObject processingMessage() {
            return new JsonObject().put("jobId", job.id().toString()).put("tenantId", job.tenantId().toString())
                    .put("kind", "export").put("status", "processing").put("terminal", false).put("processedContacts", processed)
                    .put("totalContacts", total).put("progress", total == 0 ? 1.0 : Math.min(1.0, (double) processed / total));
        }

        private List<String> selectedFields() {
            JsonArray selected = job.selectedFields();
            if (selected == null) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            selected.forEach(field -> fields.add(String.valueOf(field)));
            return fields;
        }
    }

    /**
     * Why parts of a CSV export failed: a row only the row writers render first (the export goes to them), then
     * any real failure, before the stops that a failed part asked of the others.
     */
    private static Throwable mainFailure(List<Future<Long>> copies) {
        Throwable chosen = null;
        for (Future<Long> copy : copies) {
            Throwable cause = copy.cause();
            if (cause instanceof CsvCopyWriter.NeedsRowWriter) {
                return cause;
            }
            if (cause != null && (chosen == null || chosen instanceof CsvCopyWriter.Stopped)) {
                chosen = cause;
            }
        }
        return chosen;
    }

    static ExportContact toContact(Row row) {
        String custom = row.getString("custom");
        Map<String, String> customFields = new HashMap<>();
        if (custom != null) {
            new JsonObject(custom).forEach(entry -> customFields.put(entry.getKey(),
                    entry.getValue() == null ? null : String.valueOf(entry.getValue())));
        }
        String[] tags = row.getArrayOfStrings("tag_names");
        Integer sent = row.getInteger("emails_sent");
        ExportContact.Engagement engagement = sent == null ? null : new ExportContact.Engagement(sent,
                row.getInteger("emails_opened"), row.getInteger("emails_clicked"),
                instant(row.getOffsetDateTime("last_opened_at")), instant(row.getOffsetDateTime("last_clicked_at")));
        return new ExportContact(row.getUUID("id"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("company"), row.getString("phone"), customFields,
                tags == null ? List.of() : Arrays.asList(tags), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")), engagement);
    }

    private static Instant instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

package io.porter.imports;

import io.porter.imports.mapping.FieldMapping;
import io.porter.imports.mapping.RowValidator;
import io.porter.imports.mapping.ValidationOptions;
import io.porter.imports.parsing.FileFormatException;
import io.porter.imports.parsing.FileType;
import io.porter.imports.parsing.ParseLimits;
import io.porter.imports.parsing.RowReader;
import io.porter.imports.parsing.RowReaders;
import io.porter.imports.writing.BatchResult;
import io.porter.imports.writing.ContactWriter;
import io.porter.imports.writing.ImportPreparation;
import io.porter.imports.writing.ImportTarget;
import io.porter.imports.writing.PreparedImport;
import io.porter.jobs.JobContext;
import io.porter.jobs.JobHandler;
import io.porter.storage.BlobStore;
import io.porter.storage.FileUrls;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs an import: streams the stored file through a parser on a worker thread, batch by batch, maps
 * and validates each row, and writes each batch with its counters, row errors and checkpoint in one
 * transaction. A resumed job skips the rows its checkpoint says are done, so it ends with the counts
 * of an uninterrupted run.
 */
final class ImportHandler implements JobHandler {

    static final String KIND = "import";
    private static final Logger log = LoggerFactory.getLogger(ImportHandler.class);

    private final ImportJobs jobs;
    private final BlobStore store;
    private final WorkerExecutor parsers;
    private final ImportProgress progress;
    private final ContactWriter writer;
    private final ImportPreparation preparation;
    private final int batchSize;
    private final ParseLimits limits;

    ImportHandler(ImportJobs jobs, BlobStore store, WorkerExecutor parsers, ImportProgress progress,
                  ContactWriter writer, ImportPreparation preparation, int batchSize, ParseLimits limits) {
        this.jobs = jobs;
        this.store = store;
        this.parsers = parsers;
        this.progress = progress;
        this.writer = writer;
        this.preparation = preparation;
        this.batchSize = batchSize;
        this.limits = limits;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(JobContext ctx) {
        UUID tenantId = ctx.job().tenantId();
        UUID jobId = ctx.job().subjectId();
        return jobs.start(tenantId, jobId).compose(started -> {
            if (started.isEmpty()) {
                return Future.succeededFuture(); // cancelled or finished meanwhile
            }
            ImportRun run = new ImportRun(ctx, started.get());
            return run.execute();
        });
    }

    /** One attempt at one import job. */
    private final class ImportRun {
        private final JobContext ctx;
        private final ImportJob job;
        private final ImportOptions options;
        private RowReader reader;
        private RowValidator validator;
        private PreparedImport prepared;
        private long rowsDone;

        ImportRun(JobContext ctx, ImportJob job) {
            this.ctx = ctx;
            this.job = job;
            this.options = ImportOptions.fromJson(job.options());
            this.rowsDone = ctx.checkpoint() == null ? 0 : ctx.checkpoint().getLong("rowsDone", 0L);
        }

        Future<Void> execute() {
            return FileUrls.resolve(store, job.fileUrl(), job.tenantId())
                    .compose(store::openInputStream)
                    .compose(in -> parsers.executeBlocking(() -> openReader(in), true))
                    .compose(opened -> prepare())
                    .compose(ready -> nextBatch())
                    .compose(done -> finish())
                    .recover(this::failWholeJob)
                    .eventually(this::closeReader);
        }

        private RowReader openReader(java.io.InputStream in) {
            FileType type = FileType.valueOf(job.fileType().toUpperCase(java.util.Locale.ROOT));
            reader = RowReaders.open(in, type, limits, options.sheet());
            FieldMapping mapping = job.fieldMapping() == null
                    ? FieldMapping.suggest(reader.headers())
                    : FieldMapping.fromJson(job.fieldMapping());
            List<String> missing = mapping.columnsMissingFrom(reader.headers());
            if (!missing.isEmpty()) {
                throw new FileFormatException("the mapping names columns that are not in the file: " + missing
                        + "; the file's columns are " + reader.headers());
            }
            if (mapping.emailColumn().isEmpty()) {
                throw new FileFormatException("no column maps to email; the file's columns are " + reader.headers());
            }
            validator = new RowValidator(mapping, new ValidationOptions(options.validateEmail(),
                    options.validatePhone(), options.defaultCountry()));
            for (long skipped = 0; skipped < rowsDone && reader.next() != null; skipped++) {
                // resuming: these rows were committed by an earlier attempt
            }
            return reader;
        }

        private Future<Void> prepare() {
            ImportTarget target = target();
            if (options.dryRun()) {
                prepared = new PreparedImport(List.of(), null);
                return Future.succeededFuture();
            }
            return ctx.commitUnit(tx -> preparation.prepare(tx, target), p -> checkpoint())
                    .onSuccess(p -> prepared = p)
                    .mapEmpty();
        }

        /** A stop (cancel, lost lease, worker stopping) surfaces as the failure of the next commitUnit. */
        private Future<Void> nextBatch() {
            return parsers.executeBlocking(this::readBatch, true).compose(rows -> {
                if (rows.isEmpty()) {
                    return Future.succeededFuture();
                }
                return writeBatch(rows).compose(written -> nextBatch());
            });
        }

        private List<ParsedRow> readBatch() {
            List<ParsedRow> rows = new ArrayList<>(batchSize);
            ParsedRow row;
            while (rows.size() < batchSize && (row = reader.next()) != null) {
                rows.add(row);
            }
            return rows;
        }

        private Future<Void> writeBatch(List<ParsedRow> rows) {
            List<ContactDraft> drafts = new ArrayList<>(rows.size());
            List<RowError> errors = new ArrayList<>();
            List<JsonObject> sources = new ArrayList<>();
            int invalidRows = 0;
            for (ParsedRow row : rows) {
                RowValidator.Outcome outcome = validator.map(row);
                if (outcome instanceof RowValidator.Outcome.Valid valid) {
                    drafts.add(valid.draft());
                } else if (outcome instanceof RowValidator.Outcome.Invalid invalid) {
                    invalidRows++;
                    for (RowError error : invalid.errors()) {
                        errors.add(error);
                        sources.add(new JsonObject(new java.util.LinkedHashMap<>(row.values())));
                    }
                }
            }
            int invalid = invalidRows;
            return ctx.commitUnit(tx -> writer.write(tx, target(), prepared, drafts, options.dryRun())
                            .compose(result -> {
                                List<RowError> all = new ArrayList<>(errors);
                                List<JsonObject> allSources = new ArrayList<>(sources);
                                for (RowError note : result.notes()) {
                                    all.add(note);
                                    allSources.add(null);
                                }
                                ImportJobs.BatchCounts counts = new ImportJobs.BatchCounts(rows.size(),
                                        result.created(), result.updated(), result.skipped(), invalid);
                                return jobs.addBatch(tx, job.tenantId(), job.id(), counts, all, allSources).map(counts);
                            }),
                    counts -> {
                        rowsDone += rows.size();
                        return checkpoint();
                    })
                    .onSuccess(counts -> progress.batch(job, counts, reader.bytesRead()))
                    .mapEmpty();
        }

        private Future<Void> finish() {
            Future<Void> scratch = options.dryRun()
                    ? ctx.commitUnit(tx -> writer.finishDryRun(tx, job.tenantId(), job.id()), v -> checkpoint())
                    : Future.succeededFuture();
            return scratch.compose(v -> jobs.finish(job.tenantId(), job.id(), "completed", !options.dryRun())
                    .onSuccess(finished -> finished.ifPresent(progress::finished)))
                    .mapEmpty();
        }

        private Future<Void> failWholeJob(Throwable failure) {
            if (failure instanceof FileFormatException || failure instanceof IllegalArgumentException
                    || failure instanceof io.porter.storage.ObjectNotFoundException) {
                log.atInfo().addKeyValue("jobId", job.id()).addKeyValue("tenantId", job.tenantId())
                        .log("import failed: {}", failure.getMessage());
                return jobs.fail(job.tenantId(), job.id(), failure.getMessage())
                        .compose(failed -> jobs.find(job.tenantId(), job.id()))
                        .onSuccess(found -> found.ifPresent(progress::finished))
                        .mapEmpty();
            }
            return Future.failedFuture(failure); // retried by the queue
        }

        private Future<Void> closeReader() {
            if (reader != null) {
                RowReader open = reader;
                return parsers.executeBlocking(() -> {
                    open.close();
                    return null;
                });
            }
            return Future.succeededFuture();
        }

        private JsonObject checkpoint() {
            return new JsonObject().put("rowsDone", rowsDone);
        }

        private ImportTarget target() {
            return new ImportTarget(job.tenantId(), job.id(), options.duplicateStrategy(),
                    options.overwriteWithBlanks(), options.tags(), options.segmentName());
        }
    }
}

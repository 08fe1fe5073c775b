package io.porter.imports;

import io.porter.imports.mapping.FieldMapping;
import io.porter.imports.mapping.RowValidator;
import io.porter.imports.mapping.ValidationOptions;
import io.porter.imports.parsing.FileFormatException;
import io.porter.imports.writing.ContactWriter;
import io.porter.imports.writing.ImportPreparation;
import io.porter.imports.writing.ImportTarget;
import io.porter.imports.writing.PreparedImport;
import io.porter.jobs.Job;
import io.porter.jobs.JobContext;
import io.porter.jobs.JobHandler;
import io.porter.storage.BlobStore;
import io.porter.storage.FileUrls;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Runs an import: opens the stored file with the parser ({@link ParseVerticle}), resolves the mapping,
 * creates the import's tags and segment, then hands the batches to a {@link BatchPipeline}. A resumed
 * job skips the rows its checkpoint says are done, so it ends with the counts of an uninterrupted run.
 */
final class ImportHandler implements JobHandler {

    static final String KIND = "import";
    private static final Logger log = LoggerFactory.getLogger(ImportHandler.class);

    private final ImportJobs jobs;
    private final BlobStore store;
    private final EventBus bus;
    private final ImportProgress progress;
    private final ContactWriter writer;
    private final ImportPreparation preparation;
    private final WorkerExecutor validators;

    ImportHandler(ImportJobs jobs, BlobStore store, EventBus bus, ImportProgress progress,
                  ContactWriter writer, ImportPreparation preparation, WorkerExecutor validators) {
        this.jobs = jobs;
        this.store = store;
        this.bus = bus;
        this.progress = progress;
        this.writer = writer;
        this.preparation = preparation;
        this.validators = validators;
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

    @Override
    public Future<Void> gaveUp(Job queued, String reason) {
        String message = "the import stopped after " + queued.attemptsMade() + ": " + reason;
        return jobs.fail(queued.tenantId(), queued.subjectId(), message)
                .onSuccess(failed -> failed.ifPresent(progress::finished))
                .mapEmpty();
    }

    /** One attempt at one import job. */
    private final class ImportRun {
        private final JobContext ctx;
        private final ImportJob job;
        private final ImportOptions options;
        private ParseSession session;
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
                    .compose(key -> ParseSession.open(bus, key, job.fileType(), options.sheet(), rowsDone))
                    .compose(this::useSession)
                    .compose(ready -> prepare())
                    .compose(ready -> writeBatches())
                    .compose(done -> finish())
                    .recover(this::failWholeJob)
                    .eventually(() -> {
                        progress.forget(job.id());
                        return session == null ? Future.succeededFuture() : session.close();
                    });
        }

        private Future<Void> useSession(ParseSession opened) {
            session = opened;
            List<String> headers = opened.headers();
            FieldMapping mapping = job.fieldMapping() == null
                    ? FieldMapping.suggest(headers)
                    : FieldMapping.fromJson(job.fieldMapping());
            List<String> missing = mapping.columnsMissingFrom(headers);
            if (!missing.isEmpty()) {
                return Future.failedFuture(new FileFormatException("the mapping names columns that are not in the file: "
                        + missing + "; the file's columns are " + headers));
            }
            if (mapping.emailColumn().isEmpty()) {
                return Future.failedFuture(new FileFormatException("no column maps to email; the file's columns are " + headers));
            }
            validator = new RowValidator(mapping, new ValidationOptions(options.validateEmail(),
                    options.validatePhone(), options.defaultCountry()));
            return Future.succeededFuture();
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

        private Future<Void> writeBatches() {
            BatchPipeline.Stages stages = new BatchPipeline.Stages(ctx, job, target(), prepared, options.dryRun(),
                    session, validator, validators, writer, jobs, progress);
            return new BatchPipeline(stages, rowsDone).run().onSuccess(done -> rowsDone = done).mapEmpty();
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
                        .onSuccess(failed -> failed.ifPresent(progress::finished))
                        .mapEmpty();
            }
            return Future.failedFuture(failure); // retried by the queue
        }

        private JsonObject checkpoint() {
            return BatchPipeline.checkpoint(rowsDone);
        }

        private ImportTarget target() {
            return new ImportTarget(job.tenantId(), job.id(), options.duplicateStrategy(),
                    options.overwriteWithBlanks(), options.tags(), options.segmentName());
        }
    }
}

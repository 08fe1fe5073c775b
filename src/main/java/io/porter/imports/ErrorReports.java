package io.porter.imports;

import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes an import's error report to the store: one CSV line per row error (row number, field,
 * value, error) followed by the row's original columns, so a user can fix the rows and import them
 * again. Streams from a database cursor to the store; never the whole report in memory.
 */
final class ErrorReports {

    private static final String FIRST_SOURCE = """
            SELECT source::text FROM import_row_errors
            WHERE import_job_id = $1 AND source IS NOT NULL
            ORDER BY row_number, id LIMIT 1""";
    private static final String ALL = """
            SELECT row_number, field, value, error, source::text AS source FROM import_row_errors
            WHERE import_job_id = $1
            ORDER BY row_number, id""";
    private static final int FETCH = 500;

    private final Pool pool;
    private final BlobStore store;
    private final ImportJobs jobs;

    ErrorReports(Pool pool, BlobStore store, ImportJobs jobs) {
        this.pool = pool;
        this.store = store;
        this.jobs = jobs;
    }

    Future<JsonObject> write(BusRequest request) {
        UUID id = ImportService.jobId(request.body());
        return jobs.find(request.tenantId(), id)
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("import job")))
                .compose(job -> columns(id).compose(columns -> stream(job, columns)));
    }

    private Future<List<String>> columns(UUID jobId) {
        return pool.preparedQuery(FIRST_SOURCE).execute(Tuple.of(jobId)).map(rows -> {
            List<String> columns = new ArrayList<>();
            if (rows.size() > 0) {
                columns.addAll(new JsonObject(rows.iterator().next().getString(0)).fieldNames());
            }
            return columns;
        });
    }

    private Future<JsonObject> stream(ImportJob job, List<String> columns) {
        String fileName = "errors-" + job.id() + ".csv";
        String key = job.tenantId() + "/reports/" + job.id() + "/" + fileName;
        return pool.withTransaction(conn -> conn.prepare(ALL).compose(statement -> {
            Buffer header = Buffer.buffer();
            List<String> head = new ArrayList<>(List.of("row", "field", "value", "error"));
            head.addAll(columns);
            Csv.appendLine(header, head);
            boolean[] headerSent = {false};
            MappedReadStream<Row, Buffer> lines = new MappedReadStream<>(statement.createStream(FETCH, Tuple.of(job.id())),
                    row -> {
                        Buffer line = headerSent[0] ? Buffer.buffer() : header;
                        headerSent[0] = true;
                        Csv.appendLine(line, cells(row, columns));
                        return line;
                    });
            return store.put(key, lines, Long.MAX_VALUE)
                    .compose(size -> headerSent[0] ? Future.succeededFuture(size)
                            : store.put(key, new SingleBufferStream(header), Long.MAX_VALUE));
        })).map(size -> new JsonObject().put("fileUrl", store.fileUrl(key)).put("fileName", fileName));
    }

    private static List<String> cells(Row row, List<String> columns) {
        List<String> cells = new ArrayList<>(4 + columns.size());
        cells.add(String.valueOf(row.getLong("row_number")));
        cells.add(row.getString("field"));
        cells.add(row.getString("value"));
        cells.add(row.getString("error"));
        String source = row.getString("source");
        JsonObject values = source == null ? new JsonObject() : new JsonObject(source);
        for (String column : columns) {
            Object value = values.getValue(column);
            cells.add(value == null ? "" : String.valueOf(value));
        }
        return cells;
    }
}

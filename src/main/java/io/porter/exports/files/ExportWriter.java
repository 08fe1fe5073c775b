package io.porter.exports.files;

/**
 * Writes contacts to a file format as they come, one at a time, so an export never sits in memory.
 * Blocking: call it from a worker thread. Failures surface as {@link java.io.UncheckedIOException}.
 * The writer never closes the caller's stream; {@link #close()} only releases the writer.
 */
public interface ExportWriter extends AutoCloseable {

    void start(ExportColumns columns);

    void write(ExportContact contact);

    /** Completes the file (closing brackets, zip directory) and flushes it to the stream. */
    void finish();

    @Override
    void close();
}

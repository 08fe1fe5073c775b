package io.porter.exports.files;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed JSON array of contact objects. Standard fields are keys in column order; the
 * {@code customFields.<key>} columns become one nested {@code customFields} object where the first of
 * them stands; {@code tags} is an array; dates are ISO-8601 UTC strings; missing values are null, so
 * every object has the same keys.
 */
final class JsonExportWriter implements ExportWriter {

    // Closing without finish() must not complete the array: a failed export should not look whole.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private final JsonGenerator json;
    private ExportColumns columns;
    private List<String> customColumns;

    JsonExportWriter(OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(ExportColumns columns) {
        this.columns = columns;
        this.customColumns = new ArrayList<>();
        columns.names().stream().filter(name -> ExportColumns.customKey(name).isPresent()).forEach(customColumns::add);
        io(json::writeStartArray);
    }

    @Override
    public void write(ExportContact contact) {
        io(() -> writeContact(contact));
    }

    private void writeContact(ExportContact contact) throws IOException {
        json.writeStartObject();
        boolean customFieldsWritten = false;
        for (String column : columns.names()) {
            if (ExportColumns.customKey(column).isPresent()) {
                if (!customFieldsWritten) {
                    writeCustomFields(contact);
                    customFieldsWritten = true;
                }
            } else if (column.equals(ExportColumns.TAGS)) {
                writeTags(contact);
            } else {
                json.writeFieldName(column);
                writeValue(columns.valueOf(column, contact));
            }
        }
        json.writeEndObject();
    }

    private void writeCustomFields(ExportContact contact) throws IOException {
        json.writeObjectFieldStart("customFields");
        for (String column : customColumns) {
            json.writeFieldName(ExportColumns.customKey(column).orElseThrow());
            writeValue(columns.valueOf(column, contact));
        }
        json.writeEndObject();
    }

    private void writeTags(ExportContact contact) throws IOException {
        json.writeArrayFieldStart(ExportColumns.TAGS);
        for (String tag : contact.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Instant instant) {
            json.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else {
            json.writeString(value.toString());
        }
    }

    @Override
    public void finish() {
        io(() -> {
            json.writeEndArray();
            json.flush();
        });
    }

    @Override
    public void close() {
        io(json::close);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

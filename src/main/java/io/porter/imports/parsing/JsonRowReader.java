package io.porter.imports.parsing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.porter.imports.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A top-level array of objects, or objects one after another (NDJSON, or simply concatenated), read
 * token by token. Nested objects flatten to dotted keys, arrays of scalars join with ";", null is
 * empty. One element is read ahead so that {@link #headers()} knows the first row's keys at once.
 * Malformed JSON part-way throws {@link FileFormatException} naming the row being read; rows returned
 * before stay returned.
 */
final class JsonRowReader implements RowReader {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    static final String NOT_AN_OBJECT = "element is not an object";

    private final CountingInputStream counting;
    private final JsonParser parser;
    private final RowLimiter limiter;
    private final Set<String> headers = new LinkedHashSet<>();
    private final boolean inArray;
    private boolean finished;
    private ParsedRow ahead;
    private FileFormatException failureAhead;
    private long rowNumber;
    private long rowBeingRead;

    JsonRowReader(InputStream raw, ParseLimits limits) {
        this.counting = new CountingInputStream(raw);
        this.limiter = new RowLimiter(limits);
        try {
            this.parser = FACTORY.createParser(counting);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            this.inArray = readStart();
            this.ahead = readElement();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** True for an array of elements; false for a sequence of top-level objects. */
    private boolean readStart() {
        JsonToken first = nextToken();
        if (first == null) {
            throw new FileFormatException("the file is empty");
        }
        if (first == JsonToken.START_ARRAY) {
            return true;
        }
        if (first == JsonToken.START_OBJECT) {
            return false;
        }
        throw new FileFormatException("the JSON file must be an array of objects or newline-delimited objects");
    }

    @Override
    public List<String> headers() {
        return List.copyOf(headers);
    }

    @Override
    public ParsedRow next() {
        ParsedRow current = ahead;
        if (current == null) {
            if (failureAhead != null) {
                throw failureAhead;
            }
            return null;
        }
        try {
            ahead = readElement();
        } catch (FileFormatException e) {
            // The row in hand is sound; the failure belongs to the next call.
            ahead = null;
            failureAhead = e;
        }
        return current;
    }

    /** Reads the element the parser is positioned before (or, at the very start, on). */
    private ParsedRow readElement() {
        if (finished) {
            return null;
        }
        rowBeingRead = rowNumber + 1;
        JsonToken token = rowNumber == 0 && !inArray ? parser.currentToken() : nextToken();
        if (token == null || (inArray && token == JsonToken.END_ARRAY)) {
            finishAt(token);
            return null;
        }
        rowNumber++;
        limiter.checkRowCount(rowNumber);
        if (token != JsonToken.START_OBJECT) {
            skipValue();
            return ParsedRow.broken(rowNumber, Map.of(), NOT_AN_OBJECT);
        }
        Map<String, String> values = new LinkedHashMap<>();
        flattenObject("", values);
        limiter.checkColumnCount(rowNumber, values.size());
        headers.addAll(values.keySet());
        if (headers.size() > limiter.limits().maxColumns()) {
            throw new FileFormatException("row " + rowNumber + ": more than " + limiter.limits().maxColumns() + " columns");
        }
        return withCellLimit(values);
    }

    private void finishAt(JsonToken token) {
        finished = true;
        if (token == JsonToken.END_ARRAY && nextToken() != null) {
            throw new FileFormatException("unexpected content after the JSON array");
        }
    }

    private ParsedRow withCellLimit(Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String error = limiter.cellError(entry.getKey(), entry.getValue());
            if (error != null) {
                Map<String, String> kept = new LinkedHashMap<>(values);
                kept.values().removeIf(v -> v.length() > limiter.limits().maxCellChars());
                return ParsedRow.broken(rowNumber, kept, error);
            }
        }
        return ParsedRow.of(rowNumber, values);
    }

    /** Parser is on START_OBJECT; leaves it on the matching END_OBJECT. */
    private void flattenObject(String prefix, Map<String, String> values) {
        while (nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + currentName();
            JsonToken value = nextToken();
            if (value == JsonToken.START_OBJECT) {
                flattenObject(key + ".", values);
            } else if (value == JsonToken.START_ARRAY) {
                values.put(key, joinArray());
            } else {
                values.put(key, scalarText(value));
            }
        }
    }

    /** Parser is on START_ARRAY; scalars join with ";", nested structures keep their JSON text. */
    private String joinArray() {
        List<String> items = new ArrayList<>();
        JsonToken token;
        while ((token = nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                items.add(structureText());
            } else if (token != JsonToken.VALUE_NULL) {
                items.add(scalarText(token));
            }
        }
        return String.join(";", items);
    }

    private String scalarText(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        try {
            return token == JsonToken.VALUE_STRING ? parser.getText().strip() : parser.getText();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private String structureText() {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw failure(e);
        }
        return out.toString();
    }

    private void skipValue() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private JsonToken nextToken() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private RuntimeException failure(IOException e) {
        if (e instanceof JsonProcessingException json) {
            String where = rowBeingRead == 0 ? "" : "row " + rowBeingRead + ": ";
            long line = json.getLocation() == null ? -1 : json.getLocation().getLineNr();
            return new FileFormatException(where + "malformed JSON" + (line > 0 ? " at line " + line : "")
                    + " (" + json.getOriginalMessage() + ")", e);
        }
        return new UncheckedIOException(e);
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public String encoding() {
        return "UTF-8";
    }

    @Override
    public String delimiter() {
        return null;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // Reading is over either way.
        }
    }
}

package io.porter.imports.parsing;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of file an import reads; any delimited text counts as CSV. */
public enum FileType {
    CSV, XLSX, JSON;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a file name's extension stands for, if it is one we know. */
    public static Optional<FileType> fromName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return fromAlias(fileName.substring(dot + 1));
    }

    /** A type name or extension such as "csv", "tsv", "ndjson" (case-insensitive). */
    static Optional<FileType> fromAlias(String alias) {
        switch (alias.trim().toLowerCase(Locale.ROOT)) {
            case "csv": case "tsv": case "txt": case "tab":
                return Optional.of(CSV);
            case "xlsx":
                return Optional.of(XLSX);
            case "json": case "ndjson": case "jsonl":
                return Optional.of(JSON);
            default:
                return Optional.empty();
        }
    }

    /** The type the first bytes of a file suggest; empty when they look like no type we read. */
    public static Optional<FileType> sniff(byte[] head) {
        return ContentSniffer.sniff(head);
    }
}

package io.porter.imports.parsing;

import java.util.Optional;

/** Decides which reader a file needs; never assumes CSV without evidence. */
public final class FileTypes {

    private FileTypes() {
    }

    /**
     * The explicit type first ("csv", "tsv", "txt", "xlsx", "json", "ndjson", "jsonl"; case-insensitive),
     * else the file name's extension, else the content of {@code head}.
     *
     * @throws IllegalArgumentException for an explicit type that is not one of those
     * @throws FileFormatException when neither the name nor the content tells the type
     */
    public static FileType decide(String explicitType, String fileName, byte[] head) {
        if (explicitType != null && !explicitType.isBlank()) {
            return FileType.fromAlias(explicitType).orElseThrow(() -> new IllegalArgumentException(
                    "unknown file type '" + explicitType + "' (expected csv, xlsx or json)"));
        }
        Optional<FileType> byName = FileType.fromName(fileName);
        if (byName.isPresent()) {
            return byName.get();
        }
        return FileType.sniff(head).orElseThrow(() -> new FileFormatException(
                "cannot tell the file type: name it .csv, .xlsx or .json, or give the file type"));
    }
}

package io.porter.imports.parsing;

import java.util.List;

/**
 * The start of a file as the preview endpoint shows it. {@code sampleRows} are aligned with
 * {@code headers} (missing cells empty); {@code estimatedRows} is exact when the file was read to its
 * end, an estimate otherwise, and -1 when it cannot be told.
 */
public record Preview(FileType fileType, String encoding, String delimiter, List<String> headers,
                      List<List<String>> sampleRows, long estimatedRows) {
}

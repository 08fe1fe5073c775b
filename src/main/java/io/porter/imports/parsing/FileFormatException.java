package io.porter.imports.parsing;

/**
 * The file cannot be read at all (wrong type, corrupt workbook, binary content, no header, a limit
 * exceeded). The message is meant for the end user as it stands.
 */
public class FileFormatException extends RuntimeException {

    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.porter.imports.parsing;

/** Applies {@link ParseLimits} as rows are read. */
final class RowLimiter {

    private final ParseLimits limits;

    RowLimiter(ParseLimits limits) {
        this.limits = limits;
    }

    ParseLimits limits() {
        return limits;
    }

    void checkRowCount(long rowNumber) {
        if (rowNumber > limits.maxRows()) {
            throw new FileFormatException("the file has more than " + limits.maxRows() + " rows");
        }
    }

    void checkColumnCount(long rowNumber, int columns) {
        if (columns > limits.maxColumns()) {
            throw new FileFormatException("row " + rowNumber + ": more than " + limits.maxColumns() + " columns");
        }
    }

    /** The error for a cell past the size limit, or null when it fits. */
    String cellError(String column, String value) {
        if (value.length() > limits.maxCellChars()) {
            return "cell in column " + column + " is longer than " + limits.maxCellChars() + " characters";
        }
        return null;
    }
}

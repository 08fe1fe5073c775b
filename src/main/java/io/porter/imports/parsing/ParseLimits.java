package io.porter.imports.parsing;

/** Bounds on what one file may hold; past them parsing stops with a clear error. */
public record ParseLimits(long maxRows, int maxColumns, int maxCellChars) {

    public static final ParseLimits DEFAULTS = new ParseLimits(5_000_000, 1_000, 65_536);

    public ParseLimits {
        if (maxRows < 1 || maxColumns < 1 || maxCellChars < 1) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
    }
}

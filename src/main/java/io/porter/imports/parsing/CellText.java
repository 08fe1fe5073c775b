package io.porter.imports.parsing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;

/** The text an import sees for one spreadsheet cell. */
final class CellText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private CellText() {
    }

    static String of(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        switch (type) {
            case STRING:
                return cell.getStringCellValue().strip();
            case NUMERIC:
                return numeric(cell);
            case BOOLEAN:
                return String.valueOf(cell.getBooleanCellValue());
            case ERROR:
                return errorText(cell);
            default:
                return "";
        }
    }

    private static String numeric(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            return isoDate(cell.getLocalDateTimeCellValue());
        }
        return plainNumber(cell.getNumericCellValue());
    }

    static String isoDate(LocalDateTime value) {
        if (value.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return value.toLocalDate().toString();
        }
        return value.format(DATE_TIME);
    }

    // Via the shortest decimal that round-trips, so 14155550123 stays digits and 3.5 does not become 3.4999…
    static String plainNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String errorText(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException e) {
            return "";
        }
    }
}

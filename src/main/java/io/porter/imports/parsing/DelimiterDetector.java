package io.porter.imports.parsing;

import java.util.ArrayList;
import java.util.List;

/** Picks the delimiter of delimited text from its first records, counting only outside quotes. */
final class DelimiterDetector {

    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int SAMPLE_RECORDS = 20;

    private DelimiterDetector() {
    }

    /**
     * The candidate found in the header that keeps the same count in most of the following records;
     * ties go to the one seen more often in the header, then to the earlier candidate. A file with
     * none of them is a one-column file: comma.
     */
    static char detect(String prefix, boolean prefixIsWholeFile) {
        List<int[]> counts = countPerRecord(prefix, prefixIsWholeFile);
        char best = ',';
        int bestConsistent = -1;
        int bestHeaderCount = 0;
        for (int c = 0; c < CANDIDATES.length; c++) {
            if (counts.isEmpty() || counts.get(0)[c] == 0) {
                continue;
            }
            int headerCount = counts.get(0)[c];
            int consistent = 0;
            for (int[] record : counts) {
                if (record[c] == headerCount) {
                    consistent++;
                }
            }
            if (consistent > bestConsistent
                    || (consistent == bestConsistent && headerCount > bestHeaderCount)) {
                best = CANDIDATES[c];
                bestConsistent = consistent;
                bestHeaderCount = headerCount;
            }
        }
        return best;
    }

    /** Per non-blank record, how often each candidate occurs outside quotes; a cut-off last record is left out. */
    private static List<int[]> countPerRecord(String text, boolean complete) {
        List<int[]> records = new ArrayList<>();
        int[] current = new int[CANDIDATES.length];
        boolean inQuotes = false;
        boolean blank = true;
        for (int i = 0; i < text.length() && records.size() < SAMPLE_RECORDS; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
                blank = false;
            } else if (!inQuotes && (ch == '\n' || ch == '\r')) {
                if (!blank) {
                    records.add(current);
                }
                current = new int[CANDIDATES.length];
                blank = true;
            } else if (!inQuotes) {
                countCandidate(current, ch);
                blank = blank && Character.isWhitespace(ch) && ch != '\t';
            }
        }
        if (complete && !blank && records.size() < SAMPLE_RECORDS) {
            records.add(current);
        }
        return records;
    }

    private static void countCandidate(int[] counts, char ch) {
        for (int c = 0; c < CANDIDATES.length; c++) {
            if (CANDIDATES[c] == ch) {
                counts[c]++;
            }
        }
    }
}

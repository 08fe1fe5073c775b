package io.porter.imports.parsing;

import java.util.Optional;

/** Guesses a file type from its first bytes. */
final class ContentSniffer {

    private ContentSniffer() {
    }

    static Optional<FileType> sniff(byte[] head) {
        if (head == null || head.length == 0) {
            return Optional.empty();
        }
        if (isZip(head, head.length)) {
            return Optional.of(FileType.XLSX);
        }
        TextEncoding encoding = TextEncoding.detect(head, head.length);
        String text = encoding.decode(head, head.length);
        if (!looksLikeText(text)) {
            return Optional.empty();
        }
        String start = text.stripLeading();
        if (start.isEmpty()) {
            return Optional.empty();
        }
        char first = start.charAt(0);
        return Optional.of(first == '[' || first == '{' ? FileType.JSON : FileType.CSV);
    }

    static boolean isZip(byte[] head, int length) {
        return length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Text has no NUL characters and only a trace of other control characters. */
    static boolean looksLikeText(CharSequence text) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                controls++;
            }
        }
        return controls * 100 <= text.length();
    }
}

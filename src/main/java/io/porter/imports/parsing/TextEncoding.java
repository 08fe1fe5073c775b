package io.porter.imports.parsing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The character set of a text file, told from its first bytes, and how many BOM bytes to skip. */
record TextEncoding(Charset charset, int bomLength) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * A BOM decides; otherwise UTF-8 when the prefix is valid UTF-8 (a sequence cut off at the end of
     * the prefix does not count against it), else Windows-1252, which is what spreadsheet programs on
     * Windows write as "CSV".
     */
    static TextEncoding detect(byte[] prefix, int length) {
        if (startsWith(prefix, length, 0xEF, 0xBB, 0xBF)) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (startsWith(prefix, length, 0xFF, 0xFE)) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (startsWith(prefix, length, 0xFE, 0xFF)) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        Charset unmarkedUtf16 = unmarkedUtf16(prefix, length);
        if (unmarkedUtf16 != null) {
            return new TextEncoding(unmarkedUtf16, 0);
        }
        return new TextEncoding(isValidUtf8(prefix, length) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
    }

    String name() {
        return charset.name();
    }

    String decode(byte[] prefix, int length) {
        return new String(prefix, bomLength, Math.max(0, length - bomLength), charset);
    }

    private static boolean startsWith(byte[] bytes, int length, int... marker) {
        if (length < marker.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if ((bytes[i] & 0xFF) != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-16 without a BOM shows as ASCII text with a zero byte beside every character. */
    private static Charset unmarkedUtf16(byte[] bytes, int length) {
        int pairs = Math.min(length, 512) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroHigh = 0;
        int zeroLow = 0;
        for (int i = 0; i < pairs; i++) {
            boolean evenZero = bytes[2 * i] == 0;
            boolean oddZero = bytes[2 * i + 1] == 0;
            if (oddZero && !evenZero) {
                zeroHigh++;
            } else if (evenZero && !oddZero) {
                zeroLow++;
            }
        }
        if (zeroHigh >= pairs * 9 / 10) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroLow >= pairs * 9 / 10) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean isValidUtf8(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(1024);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
            out.clear();
        }
    }
}

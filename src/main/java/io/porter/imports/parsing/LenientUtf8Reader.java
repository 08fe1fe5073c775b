package io.porter.imports.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8, reading any byte that is not valid UTF-8 as Windows-1252. Encoding detection sees only
 * the start of a file; this keeps a "Müller" written in Windows-1252 further down from becoming U+FFFD.
 */
final class LenientUtf8Reader extends Reader {

    private static final char[] WINDOWS_1252 = new String(allBytes(), TextEncoding.WINDOWS_1252).toCharArray();

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean drained;

    LenientUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes at least one character into {@code chars}; false at the end of input. */
    private boolean fill() throws IOException {
        if (drained) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0) {
            if (!endOfInput) {
                readMoreBytes();
            }
            CoderResult result = utf8.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                for (int i = 0; i < result.length() && chars.hasRemaining(); i++) {
                    chars.put(WINDOWS_1252[bytes.get() & 0xFF]);
                }
            } else if (endOfInput && !bytes.hasRemaining()) {
                utf8.flush(chars);
                drained = true;
                break;
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void readMoreBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private static byte[] allBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

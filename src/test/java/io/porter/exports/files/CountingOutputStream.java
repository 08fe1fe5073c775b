package io.porter.exports.files;

import java.io.OutputStream;

/** Counts bytes and throws them away, so a large export costs no memory in the test. */
final class CountingOutputStream extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        count += length;
    }

    long count() {
        return count;
    }
}

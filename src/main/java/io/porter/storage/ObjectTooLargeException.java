package io.porter.storage;

/** The content of a put exceeded the allowed number of bytes; nothing was stored. */
public class ObjectTooLargeException extends RuntimeException {

    private final long maxBytes;

    public ObjectTooLargeException(long maxBytes) {
        super("The file is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}

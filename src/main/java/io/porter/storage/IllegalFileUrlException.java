package io.porter.storage;

/** A file URL given by a caller is malformed or does not name a file of this store. */
public class IllegalFileUrlException extends RuntimeException {

    public IllegalFileUrlException(String fileUrl, String reason) {
        super("Illegal file URL '" + fileUrl + "': " + reason);
    }
}

package io.porter.storage;

/** No object is stored under the key, or the caller may not see it. */
public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
        super("No stored file: " + key);
    }
}

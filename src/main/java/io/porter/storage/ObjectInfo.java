package io.porter.storage;

/** What the store knows about one stored object. */
public record ObjectInfo(String key, long size) {
}

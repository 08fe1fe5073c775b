package io.porter.imports.writing;

import java.util.List;
import java.util.UUID;

/** The tenant's tag ids and segment id (null without a segment) an import attaches to its contacts. */
public record PreparedImport(List<UUID> tagIds, UUID segmentId) {

    public PreparedImport {
        tagIds = List.copyOf(tagIds);
    }
}

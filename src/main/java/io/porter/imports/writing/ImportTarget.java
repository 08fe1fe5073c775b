package io.porter.imports.writing;

import io.porter.imports.DuplicateStrategy;

import java.util.List;
import java.util.UUID;

/** Where and how an import writes: the tenant, its job, the duplicate strategy, and what to attach. */
public record ImportTarget(UUID tenantId, UUID importJobId, DuplicateStrategy strategy, boolean overwriteWithBlanks,
                           List<String> tags, String segmentName) {

    public ImportTarget {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}

package io.porter.tenancy;

import java.util.Optional;
import java.util.UUID;

/** Who is asking: the tenant every query is scoped to, the user, and the workspace if the token names one. */
public record Caller(UUID tenantId, UUID userId, Optional<UUID> workspaceId) {
}

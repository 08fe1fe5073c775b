package io.porter.jobs;

import java.time.Duration;

/** Delay before retry n (1-based): {@code initial * 2^(n-1)}, at most {@code max}. */
public record RetryBackoff(Duration initial, Duration max) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
}

package io.porter.exports;

/** When each phase of an export ended, in milliseconds from its start, for its log line. */
final class PhaseTimes {

    private final StringBuilder laps = new StringBuilder();
    private final long start = System.nanoTime();

    void ended(String phase) {
        laps.append(laps.isEmpty() ? "" : ", ").append(phase).append(" done at ")
                .append((System.nanoTime() - start) / 1_000_000).append(" ms");
    }

    @Override
    public String toString() {
        return laps.toString();
    }
}

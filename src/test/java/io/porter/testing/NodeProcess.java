package io.porter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Porter node in a JVM of its own, started as {@code java io.porter.Main} with the test's class path
 * and settings given as environment variables (inherited {@code PORTER_*} variables are dropped). Its
 * output goes to a log file. Every node still alive when the test JVM exits is killed by a shutdown hook.
 */
public final class NodeProcess {

    private static final Pattern RUNNING = Pattern.compile("Porter is running: .*?(http://127\\.0\\.0\\.1:(\\d+))?$",
            Pattern.MULTILINE);
    private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(Process::destroyForcibly), "node-processes-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the node and returns at once; {@link #awaitRunning} waits for it to serve. */
    public static NodeProcess start(String name, Map<String, String> settings, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    "io.porter.Main"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("PORTER_"));
            builder.environment().putAll(settings);
            Process process = builder.start();
            ALIVE.add(process);
            return new NodeProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the line Main logs once every role is deployed (and, clustered, the node joined);
     * answers the HTTP port, or null for a node without the http role.
     */
    public Integer awaitRunning(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher running = RUNNING.matcher(output());
            if (running.find()) {
                return running.group(2) == null ? null : Integer.parseInt(running.group(2));
            }
            if (!process.isAlive()) {
                throw new AssertionError("node " + name + " exited with " + process.exitValue() + ":\n" + output());
            }
            Await.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("node " + name + " did not start within " + within + ":\n" + output());
    }

    public boolean isRunning() {
        return RUNNING.matcher(output()).find();
    }

    /** As a crash would: no shutdown hook runs, the node leaves the cluster without a word. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        ALIVE.remove(process);
    }

    /** Asks the node to shut down (its hook leaves the cluster), killing it if it takes too long. */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(20))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        ALIVE.remove(process);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public String output() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

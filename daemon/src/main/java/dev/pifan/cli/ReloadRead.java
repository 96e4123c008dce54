package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigFile;
import dev.pifan.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the config file for a reload, more carefully than at start: on a worker thread within a
 * time limit (a hung filesystem, or a file swapped for a FIFO between the check and the open, must
 * not hold the reload for good), twice with a pause between, and refused when the two reads differ
 * in text or modification time: a SIGHUP during a rewrite in place ({@code >} then the new text)
 * would otherwise load half a file, and an empty or cut-off file is valid YAML for "the defaults".
 * An empty file (or comments only) is refused outright for the same reason.
 */
final class ReloadRead {

    static final Duration TIME_LIMIT = Duration.ofSeconds(2);
    /** Longer than an editor or a shell needs between truncating a file and writing it. */
    static final Duration SETTLE = Duration.ofMillis(150);

    /** The wait between the two reads; tests rewrite the file here instead of waiting. */
    interface Pause {
        void pause() throws InterruptedException;
    }

    private final Duration timeLimit;
    private final Pause settle;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pifan-config-read");
        thread.setDaemon(true);
        return thread;
    });
    private Future<ConfigFile> hung; // guarded by this

    ReloadRead() {
        this(TIME_LIMIT, () -> Thread.sleep(SETTLE.toMillis()));
    }

    ReloadRead(Duration timeLimit, Pause settle) {
        this.timeLimit = timeLimit;
        this.settle = settle;
    }

    /** The file's text, settled and not empty; else a problem naming the file and what to do. */
    synchronized String read(Path file) throws ConfigException {
        if (hung != null && !hung.isDone()) {
            // one blocked reader at most: every later reload is refused at once until it returns
            throw problem(file, "the read of an earlier reload has not returned yet (a hung filesystem?)");
        }
        Future<ConfigFile> read = reader.submit(() -> settled(file));
        try {
            return read.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS).text();
        } catch (TimeoutException e) {
            hung = read;
            throw problem(file, "no answer within " + Durations.format(timeLimit) + " (a hung filesystem?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            throw problem(file, "cannot read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw problem(file, "the read was interrupted");
        }
    }

    private ConfigFile settled(Path file) throws ConfigException, InterruptedException {
        ConfigFile first = ConfigFile.read(file);
        settle.pause();
        ConfigFile second = ConfigFile.read(file);
        if (!first.equals(second)) {
            throw problem(file, "changed while it was read (rewritten in place?): write the new file beside it"
                    + " and rename it over this one (mv), then reload");
        }
        if (second.isBlank()) {
            throw problem(file, "is empty (or only comments): refused on a reload, because a file being rewritten in"
                    + " place looks just like it; the built-in defaults take an empty file at start only");
        }
        return second;
    }

    private static ConfigException problem(Path file, String message) {
        return new ConfigException(new ConfigProblem(file.toString(), 0, "", message));
    }
}

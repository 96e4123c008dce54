package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a short external command ({@code vcgencmd get_throttled}) and returns what it printed.
 * Injected so tests can run a fake script, and so the timeout is always explicit.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @return standard output and error, merged
     * @throws HalException NOT_FOUND when the program does not exist, TIMEOUT when it does not
     *     finish in time (it is then killed), PERMISSION_DENIED or IO_ERROR when it fails
     */
    String run(List<String> command, Duration timeout) throws HalException;

    static CommandRunner processes() {
        return new ProcessCommandRunner();
    }
}

package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.time.Duration;
import java.util.List;

/** One vcgencmd command line, run as a process with a time-out: what both vcgencmd sensors read. */
record VcgencmdCall(CommandRunner runner, List<String> command, Duration timeout) {

    VcgencmdCall {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("vcgencmd command is empty");
        }
        command = List.copyOf(command);
    }

    /** What the command printed; a HalException when it failed, hung or is missing. */
    String output() throws HalException {
        return runner.run(command, timeout);
    }

    /** The command line, for error messages. */
    String describe() {
        return String.join(" ", command);
    }
}

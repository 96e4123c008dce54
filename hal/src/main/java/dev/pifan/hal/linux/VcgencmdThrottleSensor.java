package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.time.Duration;
import java.util.List;

/**
 * The firmware throttle word from {@code vcgencmd get_throttled} ({@code throttled=0x50005}), run
 * as a process with a timeout. Knows every bit.
 */
public final class VcgencmdThrottleSensor implements ThrottleSensor {

    public static final List<String> DEFAULT_COMMAND = List.of("vcgencmd", "get_throttled");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final CommandRunner runner;
    private final List<String> command;
    private final Duration timeout;

    public VcgencmdThrottleSensor(CommandRunner runner, List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("vcgencmd command is empty");
        }
        this.runner = runner;
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "vcgencmd";
    }

    @Override
    public ThrottleFlags read() throws HalException {
        return SysfsText.throttleWord(String.join(" ", command), runner.run(command, timeout));
    }
}

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

    private final VcgencmdCall call;

    public VcgencmdThrottleSensor(CommandRunner runner, List<String> command, Duration timeout) {
        this.call = new VcgencmdCall(runner, command, timeout);
    }

    @Override
    public String id() {
        return "vcgencmd";
    }

    @Override
    public ThrottleFlags read() throws HalException {
        return SysfsText.throttleWord(call.describe(), call.output());
    }
}

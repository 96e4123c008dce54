package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.TemperatureSensor;
import java.time.Duration;
import java.util.List;

/** The SoC temperature as the firmware reports it: {@code vcgencmd measure_temp} → {@code temp=46.2'C}. */
public final class VcgencmdTemperatureSensor implements TemperatureSensor {

    public static final List<String> DEFAULT_COMMAND = List.of("vcgencmd", "measure_temp");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final VcgencmdCall call;

    public VcgencmdTemperatureSensor(CommandRunner runner, List<String> command, Duration timeout) {
        this.call = new VcgencmdCall(runner, command, timeout);
    }

    @Override
    public String id() {
        return "vcgencmd";
    }

    @Override
    public double readCelsius() throws HalException {
        return SysfsText.vcgencmdTemperature(call.describe(), call.output());
    }
}

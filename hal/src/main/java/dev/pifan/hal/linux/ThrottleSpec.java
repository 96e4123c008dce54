package dev.pifan.hal.linux;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which throttle source to open; the {@code hardware.throttle} part of the config. */
public sealed interface ThrottleSpec {

    String toYaml();

    /** {@code driver: auto}: get_throttled file, else vcgencmd, else rpi_volt, else none. */
    record Auto() implements ThrottleSpec {
        @Override
        public String toYaml() {
            return "{driver: auto}";
        }
    }

    /** {@code driver: get-throttled}, optionally {@code path: /sys/.../get_throttled}. */
    record GetThrottled(Optional<String> path) implements ThrottleSpec {
        public static GetThrottled located() {
            return new GetThrottled(Optional.empty());
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "get-throttled");
            path.ifPresent(p -> yaml.put("path", p));
            return yaml.toString();
        }
    }

    /** {@code driver: vcgencmd} runs {@code vcgencmd get_throttled} with a timeout. */
    record Vcgencmd(List<String> command, Duration timeout) implements ThrottleSpec {
        public Vcgencmd {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("vcgencmd command is empty");
            }
        }

        public static Vcgencmd defaults() {
            return new Vcgencmd(VcgencmdThrottleSensor.DEFAULT_COMMAND, VcgencmdThrottleSensor.DEFAULT_TIMEOUT);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "vcgencmd");
            if (!command.equals(VcgencmdThrottleSensor.DEFAULT_COMMAND)) {
                yaml.put("command", command);
            }
            if (!timeout.equals(VcgencmdThrottleSensor.DEFAULT_TIMEOUT)) {
                yaml.put("timeout-ms", timeout.toMillis());
            }
            return yaml.toString();
        }
    }

    /** {@code driver: rpi-volt}: under-voltage only, every other bit unknown. */
    record RpiVolt() implements ThrottleSpec {
        @Override
        public String toYaml() {
            return "{driver: rpi-volt}";
        }
    }

    /** {@code driver: none}: every bit unknown, never "fine". */
    record None() implements ThrottleSpec {
        @Override
        public String toYaml() {
            return "{driver: none}";
        }
    }
}

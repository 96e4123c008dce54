package dev.pifan.hal.linux;

import java.time.Duration;
import java.util.List;

/**
 * Which temperature source to open; the {@code hardware.temperature} part of the config.
 * {@link #toYaml()} gives the flow mapping that pins it, e.g. {@code {driver: thermal-zone, type: cpu-thermal}}.
 */
public sealed interface TemperatureSpec {

    String toYaml();

    /** {@code driver: auto}: thermal zone of this type, else hwmon cpu_thermal, else vcgencmd. */
    record Auto(String zoneType) implements TemperatureSpec {
        public Auto {
            requireText(zoneType, "thermal zone type");
        }

        public static Auto defaults() {
            return new Auto(ThermalZoneSensor.DEFAULT_TYPE);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "auto");
            if (!zoneType.equals(ThermalZoneSensor.DEFAULT_TYPE)) {
                yaml.put("type", zoneType);
            }
            return yaml.toString();
        }
    }

    /** {@code driver: thermal-zone, type: cpu-thermal}. */
    record ThermalZone(String type) implements TemperatureSpec {
        public ThermalZone {
            requireText(type, "thermal zone type");
        }

        @Override
        public String toYaml() {
            return Yaml.map().put("driver", "thermal-zone").put("type", type).toString();
        }
    }

    /** {@code driver: hwmon, name: cpu_thermal, input: 1} reads {@code temp1_input}. */
    record Hwmon(String name, int input) implements TemperatureSpec {
        public Hwmon {
            requireText(name, "hwmon name");
            if (input < 1) {
                throw new IllegalArgumentException("hwmon temperature input " + input + " must be 1 or more");
            }
        }

        @Override
        public String toYaml() {
            return Yaml.map().put("driver", "hwmon").put("name", name).put("input", input).toString();
        }
    }

    /** {@code driver: vcgencmd} runs {@code vcgencmd measure_temp}. */
    record Vcgencmd(List<String> command, Duration timeout) implements TemperatureSpec {
        public Vcgencmd {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("vcgencmd command is empty");
            }
        }

        public static Vcgencmd defaults() {
            return new Vcgencmd(VcgencmdTemperatureSensor.DEFAULT_COMMAND, VcgencmdTemperatureSensor.DEFAULT_TIMEOUT);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "vcgencmd");
            if (!command.equals(VcgencmdTemperatureSensor.DEFAULT_COMMAND)) {
                yaml.put("command", command);
            }
            if (!timeout.equals(VcgencmdTemperatureSensor.DEFAULT_TIMEOUT)) {
                yaml.put("timeout-ms", timeout.toMillis());
            }
            return yaml.toString();
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}

package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code /sys/class/thermal/thermal_zoneN} and the types of the cooling devices bound to it:
 * each {@code cdevK} entry is a link to a {@code cooling_deviceM} whose {@code type} names the
 * driver ({@code pwm-fan}, {@code gpio-fan}, {@code emc2305_fan}). A cooling device has no link to the
 * device it cools (drivers/thermal/thermal_core.c registers it without a parent), so a fan is
 * matched to its cooling device by that type.
 */
public record ThermalZone(Path directory, String entry, String type, List<String> coolingTypes) {

    static final String CLASS_DIR = "/sys/class/thermal";
    public static final String USER_SPACE = "user_space";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    public ThermalZone {
        coolingTypes = List.copyOf(coolingTypes);
    }

    public static List<ThermalZone> list(Sysfs sysfs) {
        List<ThermalZone> zones = new ArrayList<>();
        for (Path dir : sysfs.list(sysfs.path(CLASS_DIR))) {
            String entry = dir.getFileName().toString();
            if (!entry.startsWith("thermal_zone")) {
                continue;
            }
            List<String> cooling = new ArrayList<>();
            for (Path link : sysfs.list(dir)) {
                String name = link.getFileName().toString();
                if (name.matches("cdev\\d+")) {
                    readQuietly(sysfs, link.resolve("type")).ifPresent(cooling::add);
                }
            }
            zones.add(new ThermalZone(dir, entry, readQuietly(sysfs, dir.resolve("type")).orElse(""), cooling));
        }
        return zones;
    }

    private static java.util.Optional<String> readQuietly(Sysfs sysfs, Path file) {
        try {
            return sysfs.readIfExists(file);
        } catch (HalException e) {
            return java.util.Optional.empty();
        }
    }

    /** The zones that drive a cooling device of this type. */
    public static List<ThermalZone> driving(Sysfs sysfs, String coolingType) {
        return list(sysfs).stream().filter(z -> z.coolingTypes().contains(coolingType)).toList();
    }

    public Path mode() {
        return directory.resolve("mode");
    }

    public Path policy() {
        return directory.resolve("policy");
    }

    public List<String> availablePolicies(Sysfs sysfs) throws HalException {
        return Arrays.stream(sysfs.readIfExists(directory.resolve("available_policies")).orElse("").split("\\s+"))
                .filter(p -> !p.isBlank()).toList();
    }

    /**
     * The lowest trip of type {@code critical} in °C, from {@code trip_point_N_type} and
     * {@code trip_point_N_temp} (millidegrees; drivers/thermal/thermal_sysfs.c); empty when the
     * zone has none or it cannot be read.
     */
    public java.util.OptionalDouble criticalC(Sysfs sysfs) {
        java.util.OptionalDouble lowest = java.util.OptionalDouble.empty();
        for (int n = 0; n < 32; n++) {
            Path type = directory.resolve("trip_point_" + n + "_type");
            java.util.Optional<String> kind = readQuietly(sysfs, type);
            if (kind.isEmpty()) {
                break;
            }
            if (!kind.get().equals("critical")) {
                continue;
            }
            try {
                double celsius = sysfs.readInteger(directory.resolve("trip_point_" + n + "_temp"), -273_150, 1_000_000)
                        / 1000.0;
                if (lowest.isEmpty() || celsius < lowest.getAsDouble()) {
                    lowest = java.util.OptionalDouble.of(celsius);
                }
            } catch (HalException e) {
                // an unreadable trip: the others still count
            }
        }
        return lowest;
    }

    /** {@code thermal_zone0 (cpu-thermal)}, for reports. */
    public String describe() {
        return entry + " (" + type + ")";
    }
}

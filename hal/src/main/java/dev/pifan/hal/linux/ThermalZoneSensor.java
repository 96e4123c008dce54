package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.TemperatureSensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SoC temperature from {@code /sys/class/thermal/thermal_zoneN/temp}, the zone chosen by its
 * {@code type} ({@code cpu-thermal} on Pi 4 and Pi 5), never by its number: numbers change when
 * another thermal driver loads first.
 */
public final class ThermalZoneSensor implements TemperatureSensor {

    public static final String DEFAULT_TYPE = "cpu-thermal";
    static final String CLASS_DIR = "/sys/class/thermal";

    /** One zone as listed by the kernel. */
    public record Zone(Path directory, String name, String type) {
    }

    private final Zone zone;
    private final Sysfs sysfs;
    private final Path temp;

    private ThermalZoneSensor(Sysfs sysfs, Zone zone) {
        this.sysfs = sysfs;
        this.zone = zone;
        this.temp = zone.directory().resolve("temp");
    }

    /** Every {@code thermal_zone*} with its type; zones whose type cannot be read are skipped. */
    public static List<Zone> list(Sysfs sysfs) {
        List<Zone> zones = new ArrayList<>();
        for (Path dir : sysfs.list(sysfs.path(CLASS_DIR))) {
            String name = dir.getFileName().toString();
            if (!name.startsWith("thermal_zone")) {
                continue;
            }
            try {
                sysfs.readIfExists(dir.resolve("type")).ifPresent(type -> zones.add(new Zone(dir, name, type)));
            } catch (HalException e) {
                // an unreadable type is a zone we cannot choose by type: leave it out
            }
        }
        return zones;
    }

    /**
     * @throws HalException NOT_FOUND naming the types that do exist when none has this type
     */
    public static ThermalZoneSensor open(Sysfs sysfs, String type) throws HalException {
        List<Zone> zones = list(sysfs);
        for (Zone zone : zones) {
            if (zone.type().equals(type)) {
                ThermalZoneSensor sensor = new ThermalZoneSensor(sysfs, zone);
                sensor.readCelsius(); // fail at start, not at the first tick
                return sensor;
            }
        }
        throw new HalException(Kind.NOT_FOUND, "no thermal zone of type '" + type + "' under "
                + sysfs.path(CLASS_DIR) + (zones.isEmpty() ? " (no zones at all: is this the host's /sys?)"
                : "; types present: " + zones.stream().map(Zone::type).distinct().toList()));
    }

    public Zone zone() {
        return zone;
    }

    @Override
    public String id() {
        return zone.name();
    }

    @Override
    public double readCelsius() throws HalException {
        return SysfsText.millidegrees(temp.toString(), sysfs.read(temp));
    }
}

package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.linux.fans.FanDrivers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thermal zones that drive one fan, taken from the kernel's governor by {@link Takeover}, and
 * given back. What each zone had is kept in the {@link TakeoverRecords} until it is given back, so
 * that {@code pifan restore} (the unit's ExecStopPost) and the next {@code pifan run} can give it
 * back after a SIGKILL. A record is never written to the kernel as it is: only {@code enabled} or
 * {@code disabled} for a mode, only a policy the zone lists in {@code available_policies}.
 */
public final class ZoneTakeover {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneTakeover.class);
    private static final Pattern ZONE_KEY = Pattern.compile("zone-(thermal_zone\\d+)-(mode|policy)");
    private static final Pattern FAN_KEY = Pattern.compile("fan-(hwmon\\d+)-(pwm\\d+)");
    static final String STEP_WISE = "step_wise";

    /** One zone file pifan changed: what it wrote, and what the kernel had. */
    record Taken(ThermalZone zone, Path file, String ours, String original) {
        String key() {
            return "zone-" + zone.entry() + "-" + file.getFileName();
        }

        String describe() {
            return zone.describe() + " " + file.getFileName() + " " + ours + " (was " + original + ")";
        }
    }

    private final Sysfs sysfs;
    private final List<Taken> taken;
    private final TakeoverRecords records;

    private ZoneTakeover(Sysfs sysfs, List<Taken> taken, TakeoverRecords records) {
        this.sysfs = sysfs;
        this.taken = List.copyOf(taken);
        this.records = records;
    }

    /** Nothing taken: for fans no zone drives, and for {@link Takeover#NONE}. */
    static ZoneTakeover nothing(Sysfs sysfs) {
        return new ZoneTakeover(sysfs, List.of(), TakeoverRecords.none());
    }

    /**
     * The enabled zones (and those a killed pifan left changed, per its records) that drive a
     * cooling device of {@code coolingType}: each taken with {@code strategy}.
     */
    static List<ThermalZone> owners(Sysfs sysfs, String coolingType, TakeoverRecords records) throws HalException {
        List<ThermalZone> owners = new ArrayList<>();
        for (ThermalZone zone : ThermalZone.driving(sysfs, coolingType)) {
            boolean enabled = sysfs.readIfExists(zone.mode()).orElse(ThermalZone.ENABLED).equals(ThermalZone.ENABLED);
            boolean leftByUs = records.recalled("zone-" + zone.entry() + "-mode").isPresent()
                    || records.recalled("zone-" + zone.entry() + "-policy").isPresent();
            if (enabled || leftByUs) {
                owners.add(zone);
            }
        }
        return owners;
    }

    static ZoneTakeover take(Sysfs sysfs, List<ThermalZone> zones, Takeover strategy, TakeoverRecords records)
            throws HalException {
        List<Taken> taken = new ArrayList<>();
        try {
            for (ThermalZone zone : zones) {
                Taken t = plan(sysfs, zone, strategy, records);
                records.remember(t.key(), t.original());
                sysfs.write(t.file(), t.ours());
                taken.add(t);
                LOG.info("took the fan from the kernel: {}", t.describe());
            }
        } catch (HalException e) {
            new ZoneTakeover(sysfs, taken, records).handBack();
            throw e;
        }
        return new ZoneTakeover(sysfs, taken, records);
    }

    private static Taken plan(Sysfs sysfs, ThermalZone zone, Takeover strategy, TakeoverRecords records)
            throws HalException {
        List<String> policies = zone.availablePolicies(sysfs);
        boolean governor = strategy == Takeover.GOVERNOR
                || (strategy == Takeover.AUTO && policies.contains(ThermalZone.USER_SPACE));
        if (strategy == Takeover.GOVERNOR && !policies.contains(ThermalZone.USER_SPACE)) {
            throw new HalException(HalException.Kind.UNSUPPORTED, zone.describe() + " has no user_space governor"
                    + " (available_policies: " + String.join(" ", policies) + "): use fan.takeover: zone or auto");
        }
        Path file = governor ? zone.policy() : zone.mode();
        String ours = governor ? ThermalZone.USER_SPACE : ThermalZone.DISABLED;
        String key = "zone-" + zone.entry() + "-" + file.getFileName();
        String found = sysfs.read(file);
        Optional<String> recalled = records.recalled(key).filter(v -> valid(file, v, policies, key));
        String original = recalled.orElse(found.equals(ours) ? safeDefault(file, policies) : found);
        if (recalled.isPresent() && !recalled.get().equals(found)) {
            LOG.info("{}: a previous pifan did not give it back ({} {}); it was {} before", zone.describe(),
                    file.getFileName(), found, recalled.get());
        }
        return new Taken(zone, file, ours, original);
    }

    /** Whether a recorded value is one the kernel takes for this file. */
    private static boolean valid(Path file, String value, List<String> policies, String key) {
        boolean ok = file.getFileName().toString().equals("mode")
                ? value.equals(ThermalZone.ENABLED) || value.equals(ThermalZone.DISABLED)
                : policies.contains(value);
        if (!ok) {
            LOG.warn("takeover record {} holds '{}', which the kernel would not take; ignored", key,
                    value.length() > 40 ? value.substring(0, 40) + "..." : value);
        }
        return ok;
    }

    /** What to give back when nothing trustworthy says what the kernel had: the kernel driving the fan. */
    private static String safeDefault(Path file, List<String> policies) {
        if (file.getFileName().toString().equals("mode")) {
            return ThermalZone.ENABLED;
        }
        return policies.contains(STEP_WISE) ? STEP_WISE
                : policies.stream().filter(p -> !p.equals(ThermalZone.USER_SPACE)).findFirst().orElse(STEP_WISE);
    }

    public boolean any() {
        return !taken.isEmpty();
    }

    /**
     * The lowest critical trip (°C) of the zones pifan disabled: a zone that is not enabled is not
     * updated at all, critical trips included ({@code __thermal_zone_device_update} returns for
     * it, drivers/thermal/thermal_core.c). Zones switched to {@code user_space} keep theirs.
     */
    OptionalDouble disabledCriticalC() {
        OptionalDouble lowest = OptionalDouble.empty();
        for (Taken t : taken) {
            if (!t.file().equals(t.zone().mode())) {
                continue;
            }
            OptionalDouble critical = t.zone().criticalC(sysfs);
            if (critical.isPresent() && (lowest.isEmpty() || critical.getAsDouble() < lowest.getAsDouble())) {
                lowest = critical;
            }
        }
        return lowest;
    }

    /**
     * Takes back any zone someone set back while pifan drove the fan.
     *
     * @return what was changed back, empty when every zone is still as pifan set it
     */
    List<String> reassert() throws HalException {
        List<String> retaken = new ArrayList<>();
        for (Taken t : taken) {
            if (!sysfs.read(t.file()).equals(t.ours())) {
                sysfs.write(t.file(), t.ours());
                retaken.add(t.describe());
            }
        }
        return retaken;
    }

    /**
     * Takes every zone again after {@link #handBack()} (pifan can drive the fan again after a failed
     * write): recorded first, as at the first takeover, so a crash now is still restored.
     */
    void retake() throws HalException {
        for (Taken t : taken) {
            records.remember(t.key(), t.original());
            if (!sysfs.read(t.file()).equals(t.ours())) {
                sysfs.write(t.file(), t.ours());
            }
        }
    }

    /** {@code thermal_zone0 (cpu-thermal) mode enabled}: what {@link #handBack()} gives back. */
    String describeGivenBack() {
        return String.join(", ", taken.stream()
                .map(t -> t.zone().describe() + " " + t.file().getFileName() + " " + t.original()).toList());
    }

    /** Gives every zone back what it had, and forgets the records; the first failure is thrown after trying all. */
    void handBack() throws HalException {
        HalException first = null;
        for (Taken t : taken) {
            try {
                sysfs.write(t.file(), t.original());
                records.forget(t.key());
            } catch (HalException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** {@code thermal_zone0 (cpu-thermal) policy user_space (was step_wise)}; empty when nothing is taken. */
    public String describe() {
        return String.join(", ", taken.stream().map(Taken::describe).toList());
    }

    /**
     * {@code pifan restore}: what a pifan that could not exit cleanly (SIGKILL, the watchdog's
     * SIGABRT, a crash) left behind, given back from its records: each recorded fan to full speed
     * first, then each zone what it had. Every record is checked before anything is written.
     *
     * @return one line per thing done, for the log
     */
    public static List<String> restore(Sysfs sysfs, TakeoverRecords records) {
        return restore(sysfs, DeviceProviders.libraries(), records);
    }

    /** As above, with the libraries that reach a recorded I2C fan. */
    public static List<String> restore(Sysfs sysfs, DeviceProviders providers, TakeoverRecords records) {
        List<String> done = new ArrayList<>();
        for (String key : records.keys()) {
            if (FanDrivers.isRecord(key)) {
                try {
                    FanDrivers.restore(sysfs, providers, key, records.recalled(key).orElse("")).ifPresent(done::add);
                    records.forget(key);
                } catch (HalException e) {
                    done.add(key + ": could not be set to full speed: " + e.getMessage());
                }
                continue;
            }
            Matcher fan = FAN_KEY.matcher(key);
            if (fan.matches()) {
                Path pwm = sysfs.path(HwmonDevice.CLASS_DIR + "/" + fan.group(1) + "/" + fan.group(2));
                try {
                    sysfs.write(pwm, 255);
                    done.add(pwm + ": full speed");
                    records.forget(key);
                } catch (HalException e) {
                    done.add(pwm + ": could not be set to full speed: " + e.getMessage());
                }
            }
        }
        for (String key : records.keys()) {
            Matcher zoneKey = ZONE_KEY.matcher(key);
            if (!zoneKey.matches()) {
                if (!FAN_KEY.matcher(key).matches() && !FanDrivers.isRecord(key)) {
                    done.add("record " + key + ": not pifan's, left alone");
                }
                continue;
            }
            Path dir = sysfs.path(ThermalZone.CLASS_DIR + "/" + zoneKey.group(1));
            Path file = dir.resolve(zoneKey.group(2));
            try {
                ThermalZone zone = new ThermalZone(dir, zoneKey.group(1), sysfs.readIfExists(dir.resolve("type")).orElse(""),
                        List.of());
                List<String> policies = zone.availablePolicies(sysfs);
                String value = records.recalled(key).filter(v -> valid(file, v, policies, key))
                        .orElse(safeDefault(file, policies));
                sysfs.write(file, value);
                records.forget(key);
                done.add(zone.describe() + " " + file.getFileName() + " " + value + " again");
            } catch (HalException e) {
                done.add(file + ": could not be given back: " + e.getMessage());
            }
        }
        return done;
    }

    /**
     * Who drives this hwmon fan and what pifan would do about it, for {@code pifan probe}:
     * {@code owner: kernel, thermal_zone0 (cpu-thermal) policy step_wise (available: step_wise);
     * fan.takeover auto sets its mode disabled ...}, or {@code owner: nobody (no thermal zone drives it)}.
     */
    public static String ownership(Sysfs sysfs, HwmonDevice device) throws HalException {
        List<ThermalZone> zones = owners(sysfs, HwmonFan.coolingType(device.name()), TakeoverRecords.none());
        if (zones.isEmpty()) {
            return "owner: nobody (no enabled thermal zone drives a " + HwmonFan.coolingType(device.name())
                    + " cooling device)";
        }
        List<String> parts = new ArrayList<>();
        for (ThermalZone zone : zones) {
            List<String> policies = zone.availablePolicies(sysfs);
            boolean governor = policies.contains(ThermalZone.USER_SPACE);
            parts.add(zone.describe() + " policy " + sysfs.readIfExists(zone.policy()).orElse("?") + " (available: "
                    + String.join(" ", policies) + "); fan.takeover auto sets its "
                    + (governor ? "policy user_space (the kernel keeps its critical trip)"
                            : "mode disabled (the kernel's critical-trip shutdown stops while pifan runs)")
                    + ", restored at exit; fan.takeover: none leaves it to the kernel");
        }
        return "owner: kernel, " + String.join("; ", parts);
    }

    /** The record that says pifan drives this hwmon pwm (restore sets it to full speed first). */
    static String fanKey(HwmonDevice device, int channel) {
        return "fan-" + device.entry() + "-pwm" + channel;
    }
}

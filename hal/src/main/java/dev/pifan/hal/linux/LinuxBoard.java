package dev.pifan.hal.linux;

import dev.pifan.hal.Board;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.TemperatureSensor;
import dev.pifan.hal.ThrottleSensor;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.fans.NoneDriver;
import dev.pifan.hal.linux.fans.FanDrivers;
import dev.pifan.hal.linux.fans.FanOpening;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real board: the model from the device tree, and the temperature source, throttle source and
 * fan a {@link HardwareSpec} names, opened under a {@link Host}. {@code auto} parts are resolved
 * through {@link Discovery}, trying its candidates best first until one opens.
 *
 * <p>{@link #close()} releases what the board holds (unexports a sysfs PWM channel, closes I2C
 * buses, GPIO lines and library contexts); it does not touch the fan's speed. The caller sets the
 * exit state before: {@link Fan#handBack()}, and full speed when that returns false.
 */
public final class LinuxBoard implements Board {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxBoard.class);

    private final BoardModel model;
    private final TemperatureSensor temperature;
    private final ThrottleSensor throttle;
    private final Fan fan;
    private final HardwareSpec resolved;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private LinuxBoard(BoardModel model, TemperatureSensor temperature, ThrottleSensor throttle, Fan fan,
            HardwareSpec resolved, Deque<AutoCloseable> resources) {
        this.model = model;
        this.temperature = temperature;
        this.throttle = throttle;
        this.fan = fan;
        this.resolved = resolved;
        this.resources = resources;
    }

    /**
     * Opens everything the spec names. On failure, whatever was already opened is released again
     * and the exception names the part that failed.
     */
    public static LinuxBoard open(Host host, HardwareSpec spec) throws HalException {
        return new Opener(host, spec).open();
    }

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public TemperatureSensor temperature() {
        return temperature;
    }

    @Override
    public ThrottleSensor throttle() {
        return throttle;
    }

    @Override
    public Fan fan() {
        return fan;
    }

    /** The spec with every {@code auto} part replaced by what was actually opened: for the start-up log. */
    public HardwareSpec resolved() {
        return resolved;
    }

    @Override
    public void close() throws HalException {
        if (closed) {
            return;
        }
        closed = true;
        HalException first = closeAll(resources);
        if (first != null) {
            throw first;
        }
    }

    private static HalException closeAll(Deque<AutoCloseable> resources) {
        HalException first = null;
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (HalException e) {
                first = first == null ? e : first;
            } catch (Exception e) {
                first = first == null ? new HalException(Kind.IO_ERROR, "closing " + resource + ": " + e, e) : first;
            }
        }
        return first;
    }

    /** The opening procedure, with the resources it has taken so far. */
    private static final class Opener implements FanOpening {
        private final Host host;
        private final HardwareSpec spec;
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();
        private final Map<Provider, DeviceProvider> libraries = new EnumMap<>(Provider.class);
        private DiscoveryReport report;

        Opener(Host host, HardwareSpec spec) {
            this.host = host;
            this.spec = spec;
        }

        LinuxBoard open() throws HalException {
            try {
                BoardModel model = DeviceTreeModel.read(host.sysfs());
                Chosen<TemperatureSpec, TemperatureSensor> temperature = spec.temperature() instanceof TemperatureSpec.Auto
                        ? firstThatOpens("temperature sensor", DiscoveryReport.candidates(report().temperatures()),
                                this::openTemperature)
                        : new Chosen<>(spec.temperature(), openTemperature(spec.temperature()));
                Chosen<ThrottleSpec, ThrottleSensor> throttle = spec.throttle() instanceof ThrottleSpec.Auto
                        ? firstThatOpens("throttle", DiscoveryReport.candidates(report().throttles()), this::openThrottle)
                        : new Chosen<>(spec.throttle(), openThrottle(spec.throttle()));
                Chosen<FanSpec, Fan> fan = spec.fan() instanceof AutoDriver.Spec auto ? autoFan(auto)
                        : new Chosen<>(spec.fan(), openFan(spec.fan()));
                HardwareSpec resolved = new HardwareSpec(temperature.spec(), throttle.spec(), fan.spec());
                LOG.info("board {}: temperature {}, throttle {}, fan {}", model, temperature.part().id(),
                        throttle.part().id(), fan.part().id());
                return new LinuxBoard(model, temperature.part(), throttle.part(), fan.part(), resolved, resources);
            } catch (HalException | RuntimeException e) {
                closeAll(resources);
                throw e;
            }
        }

        private Chosen<FanSpec, Fan> autoFan(AutoDriver.Spec auto) throws HalException {
            List<FanSpec> candidates = DiscoveryReport.candidates(report().fans());
            if (candidates.isEmpty() && auto.orNone()) {
                LOG.warn("no fan output on this board ({}): it runs as a tray member without a fan of its own,"
                        + " reporting its decisions to the tray node (fan: {driver: auto, or-none: true})",
                        report().fans().stream().map(Object::toString).toList());
                FanSpec none = new NoneDriver.Spec();
                return new Chosen<>(none, openFan(none));
            }
            return firstThatOpens("fan", candidates, this::openFan);
        }

        private DiscoveryReport report() {
            if (report == null) {
                report = Discovery.run(host, DiscoveryHints.from(spec));
            }
            return report;
        }

        private <S, P> Chosen<S, P> firstThatOpens(String role, List<S> candidates, PartOpener<S, P> opener)
                throws HalException {
            List<String> failures = new ArrayList<>();
            HalException last = null;
            for (S candidate : candidates) {
                try {
                    return new Chosen<>(candidate, opener.open(candidate));
                } catch (HalException e) {
                    LOG.warn("{} {} could not be opened, trying the next candidate: {}", role, candidate, e.getMessage());
                    failures.add(e.getMessage());
                    last = e;
                }
            }
            String why = failures.isEmpty() ? "discovery found no candidate; run `pifan probe` to see why"
                    : String.join("; ", failures);
            throw new HalException(last == null ? Kind.NOT_FOUND : last.kind(), "no usable " + role + " under "
                    + host.root() + ": " + why);
        }

        TemperatureSensor openTemperature(TemperatureSpec part) throws HalException {
            Sysfs sysfs = host.sysfs();
            if (part instanceof TemperatureSpec.ThermalZone zone) {
                return ThermalZoneSensor.open(sysfs, zone.type());
            } else if (part instanceof TemperatureSpec.Hwmon hwmon) {
                return HwmonTemperatureSensor.open(sysfs, hwmon.name(), hwmon.input());
            } else if (part instanceof TemperatureSpec.Vcgencmd vc) {
                VcgencmdTemperatureSensor sensor = new VcgencmdTemperatureSensor(host.commands(), vc.command(),
                        vc.timeout());
                sensor.readCelsius();
                return sensor;
            }
            throw new HalException(Kind.UNSUPPORTED, "temperature " + part + " cannot be opened directly");
        }

        ThrottleSensor openThrottle(ThrottleSpec part) throws HalException {
            Sysfs sysfs = host.sysfs();
            if (part instanceof ThrottleSpec.GetThrottled file) {
                return GetThrottledFileSensor.open(sysfs, file.path().orElse(null));
            } else if (part instanceof ThrottleSpec.Vcgencmd vc) {
                VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(host.commands(), vc.command(), vc.timeout());
                sensor.read();
                return sensor;
            } else if (part instanceof ThrottleSpec.RpiVolt) {
                return RpiVoltThrottleSensor.open(sysfs);
            } else if (part instanceof ThrottleSpec.None) {
                return ThrottleSensor.none();
            }
            throw new HalException(Kind.UNSUPPORTED, "throttle " + part + " cannot be opened directly");
        }

        Fan openFan(FanSpec part) throws HalException {
            return FanDrivers.open(part, this);
        }

        @Override
        public Host host() {
            return host;
        }

        @Override
        public void leaveRunning(DeviceProvider library) {
            resources.remove(library);
        }

        @Override
        public void recordDriven(String key, String value) {
            TakeoverRecords records = host.takeovers();
            records.remember(key, value);
            keep(() -> records.forget(key));
        }

        @Override
        public <T extends AutoCloseable> T keep(T resource) {
            resources.push(resource);
            return resource;
        }

        @Override
        public DeviceProvider library(Provider provider) throws HalException {
            DeviceProvider library = libraries.get(provider);
            if (library == null) {
                library = keep(host.providers().open(provider));
                libraries.put(provider, library);
            }
            return library;
        }

        @Override
        public I2cBus bus(Provider provider, int bus) throws HalException {
            return keep(library(provider).openI2cBus(bus));
        }
    }

    private record Chosen<S, P>(S spec, P part) {
    }

    @FunctionalInterface
    private interface PartOpener<S, P> {
        P open(S spec) throws HalException;
    }

    /** For logs. */
    @Override
    public String toString() {
        return "LinuxBoard[" + model + ", " + Optional.ofNullable(resolved).map(HardwareSpec::toYaml).orElse("") + "]";
    }
}

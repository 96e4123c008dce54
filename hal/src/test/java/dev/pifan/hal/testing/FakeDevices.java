package dev.pifan.hal.testing;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.GpioPin;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.io.PwmOutput;
import dev.pifan.hal.linux.DeviceProviders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake library: register-map buses and recording GPIO pins, in place of diozero or Pi4J. */
public final class FakeDevices implements DeviceProvider {

    /** A pin that records every level it was set to, the initial one first. */
    public static final class Pin implements GpioPin {
        private final int gpio;
        private final List<Boolean> levels = new ArrayList<>();
        private boolean closed;

        Pin(int gpio, boolean initialHigh) {
            this.gpio = gpio;
            levels.add(initialHigh);
        }

        @Override
        public String id() {
            return "GPIO" + gpio + " (fake)";
        }

        @Override
        public void set(boolean high) {
            levels.add(high);
        }

        public List<Boolean> levels() {
            return List.copyOf(levels);
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Provider kind;
    private final Map<Integer, RegisterMapBus> buses = new HashMap<>();
    private final Map<Integer, Pin> pins = new HashMap<>();
    private final Map<String, Pin> lines = new java.util.HashMap<>();
    private int opened;
    private boolean closed;

    public FakeDevices(Provider kind) {
        this.kind = kind;
    }

    public RegisterMapBus bus(int number) {
        return buses.computeIfAbsent(number, RegisterMapBus::new);
    }

    public Pin pin(int gpio) {
        return pins.get(gpio);
    }

    /** How often a provider was asked for: discovery probes open and close it again. */
    public int timesOpened() {
        return opened;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Provider lookup handing out this fake for its kind, refusing the others. */
    public DeviceProviders asProviders() {
        return provider -> {
            if (provider != kind) {
                throw new HalException(Kind.UNSUPPORTED, provider.configName() + " not faked");
            }
            opened++;
            closed = false;
            return this;
        };
    }

    @Override
    public Provider kind() {
        return kind;
    }

    @Override
    public I2cBus openI2cBus(int bus) throws HalException {
        RegisterMapBus found = buses.get(bus);
        if (found == null) {
            throw new HalException(Kind.NOT_FOUND, "/dev/i2c-" + bus + " does not exist (fake)");
        }
        return found;
    }

    @Override
    public GpioPin openGpioOutput(int gpio, boolean initialHigh) {
        Pin pin = new Pin(gpio, initialHigh);
        pins.put(gpio, pin);
        return pin;
    }

    /** A line by chip and offset; kept apart from the BCM pins so a test sees which way it was opened. */
    @Override
    public GpioPin openGpioLine(int chip, int line, boolean initialHigh) {
        Pin pin = new Pin(line, initialHigh);
        lines.put(chip + ":" + line, pin);
        return pin;
    }

    public Pin line(int chip, int line) {
        return lines.get(chip + ":" + line);
    }

    @Override
    public PwmOutput openPwm(PwmTarget target, int frequencyHz, Duty initial) throws HalException {
        throw new HalException(Kind.UNSUPPORTED, "no fake PWM");
    }

    @Override
    public void close() {
        closed = true;
    }
}

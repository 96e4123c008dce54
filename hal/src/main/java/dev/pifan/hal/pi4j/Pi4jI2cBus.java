package dev.pifan.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import java.util.HashMap;
import java.util.Map;

/** {@link I2cBus} over Pi4J: one {@link I2C} per address, created at its first transfer. */
final class Pi4jI2cBus implements I2cBus {

    private final Context context;
    private final int bus;
    private final String name;
    private final Map<Integer, I2C> devices = new HashMap<>();

    Pi4jI2cBus(Context context, int bus) {
        this.context = context;
        this.bus = bus;
        this.name = "i2c-" + bus;
    }

    @Override
    public String name() {
        return name;
    }

    private I2C device(int address) throws HalException {
        I2cBus.checkAddress(address);
        I2C device = devices.get(address);
        if (device != null) {
            return device;
        }
        try {
            device = context.create(I2C.newConfigBuilder(context)
                    .id("pifan-" + name + "-" + Integer.toHexString(address))
                    .bus(bus).device(address).build());
        } catch (RuntimeException e) {
            throw new HalException(Kind.NOT_FOUND, "Pi4J could not open /dev/" + name + " for address "
                    + I2cBus.hex(address) + ": " + e.getMessage() + " — is " + I2cErrors.configLine(name)
                    + " set in config.txt?", e);
        }
        devices.put(address, device);
        return device;
    }

    private HalException translate(int address, String operation, RuntimeException e) {
        return I2cErrors.fromErrno(name, address, operation, Pi4jProvider.errnoFromMessage(e.getMessage()),
                "Pi4J: " + e.getMessage());
    }

    @Override
    public int readByteData(int address, int register) throws HalException {
        I2C device = device(address);
        int value;
        try {
            value = device.readRegister(register);
        } catch (RuntimeException e) {
            throw translate(address, "reading register " + I2cBus.hex(register), e);
        }
        if (value < 0) {
            throw I2cErrors.fromErrno(name, address, "reading register " + I2cBus.hex(register), -value, "Pi4J");
        }
        return value & 0xFF;
    }

    @Override
    public void writeByteData(int address, int register, int value) throws HalException {
        I2cBus.checkByte("value", value);
        I2C device = device(address);
        int result;
        try {
            result = device.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw translate(address, "writing " + I2cBus.hex(value) + " to register " + I2cBus.hex(register), e);
        }
        if (result < 0) {
            throw I2cErrors.fromErrno(name, address, "writing register " + I2cBus.hex(register), -result, "Pi4J");
        }
    }

    @Override
    public int readByte(int address) throws HalException {
        I2C device = device(address);
        int value;
        try {
            value = device.read();
        } catch (RuntimeException e) {
            throw translate(address, "reading a byte", e);
        }
        if (value < 0) {
            throw I2cErrors.fromErrno(name, address, "reading a byte", -value, "Pi4J");
        }
        return value & 0xFF;
    }

    @Override
    public void writeByte(int address, int value) throws HalException {
        I2cBus.checkByte("value", value);
        I2C device = device(address);
        int result;
        try {
            result = device.write((byte) value);
        } catch (RuntimeException e) {
            throw translate(address, "writing byte " + I2cBus.hex(value), e);
        }
        if (result < 0) {
            throw I2cErrors.fromErrno(name, address, "writing byte " + I2cBus.hex(value), -result, "Pi4J");
        }
    }

    @Override
    public void close() throws HalException {
        HalException first = null;
        for (Map.Entry<Integer, I2C> entry : devices.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = translate(entry.getKey(), "closing", e);
                }
            }
        }
        devices.clear();
        if (first != null) {
            throw first;
        }
    }
}

package dev.pifan.hal.diozero;

import com.diozero.api.I2CDevice;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import java.util.HashMap;
import java.util.Map;

/** {@link I2cBus} over diozero: one {@link I2CDevice} per address, opened at its first transfer. */
final class DiozeroI2cBus implements I2cBus {

    private final int bus;
    private final String name;
    private final Map<Integer, I2CDevice> devices = new HashMap<>();

    DiozeroI2cBus(int bus) {
        this.bus = bus;
        this.name = "i2c-" + bus;
    }

    @Override
    public String name() {
        return name;
    }

    private I2CDevice device(int address) throws HalException {
        I2cBus.checkAddress(address);
        I2CDevice device = devices.get(address);
        if (device != null) {
            return device;
        }
        try {
            device = I2CDevice.builder(address).setController(bus).build();
        } catch (RuntimeException e) {
            throw new HalException(Kind.NOT_FOUND, "diozero could not open /dev/" + name + " for address "
                    + I2cBus.hex(address) + ": " + e.getMessage() + " — is " + I2cErrors.configLine(name)
                    + " set in config.txt?", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + "): no native library"
                    + " for this CPU or the diozero jar is missing", e);
        }
        devices.put(address, device);
        return device;
    }

    @Override
    public int readByteData(int address, int register) throws HalException {
        I2CDevice device = device(address);
        try {
            return device.readByteData(register) & 0xFF;
        } catch (RuntimeException e) {
            throw DiozeroProvider.translate(name, address, "reading register " + I2cBus.hex(register), e);
        }
    }

    @Override
    public void writeByteData(int address, int register, int value) throws HalException {
        I2cBus.checkByte("value", value);
        I2CDevice device = device(address);
        try {
            device.writeByteData(register, (byte) value);
        } catch (RuntimeException e) {
            throw DiozeroProvider.translate(name, address, "writing " + I2cBus.hex(value) + " to register "
                    + I2cBus.hex(register), e);
        }
    }

    @Override
    public int readByte(int address) throws HalException {
        I2CDevice device = device(address);
        try {
            return device.readByte() & 0xFF;
        } catch (RuntimeException e) {
            throw DiozeroProvider.translate(name, address, "reading a byte", e);
        }
    }

    @Override
    public void writeByte(int address, int value) throws HalException {
        I2cBus.checkByte("value", value);
        I2CDevice device = device(address);
        try {
            device.writeByte((byte) value);
        } catch (RuntimeException e) {
            throw DiozeroProvider.translate(name, address, "writing byte " + I2cBus.hex(value), e);
        }
    }

    @Override
    public void close() throws HalException {
        HalException first = null;
        for (Map.Entry<Integer, I2CDevice> entry : devices.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = DiozeroProvider.translate(name, entry.getKey(), "closing", e);
                }
            }
        }
        devices.clear();
        if (first != null) {
            throw first;
        }
    }
}

package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs inside a class loader that has neither diozero nor Pi4J (see {@link OptionalLibrariesTest}):
 * a sysfs board must work, and asking for a library must fail as a HalException.
 */
public final class WithoutLibrariesScenario {

    private WithoutLibrariesScenario() {
    }

    /** @return one line per observation, for the test to check */
    public static List<String> run(Path pi5Root, Path devDirectory) throws Exception {
        List<String> seen = new ArrayList<>();
        try {
            Class.forName("com.diozero.api.I2CDevice");
            seen.add("diozero visible");
        } catch (ClassNotFoundException e) {
            seen.add("diozero absent");
        }
        Host host = Host.builder(HostRoot.of(pi5Root)).executablePath(List.of()).build();
        try (LinuxBoard board = LinuxBoard.open(host, HardwareSpec.auto())) {
            board.fan().apply(Duty.FULL);
            seen.add("board " + board.fan().id() + " " + board.temperature().readCelsius());
            board.fan().handBack();
        }
        Files.createFile(devDirectory.resolve("i2c-1"));
        for (Provider provider : List.of(Provider.DIOZERO, Provider.PI4J)) {
            try (DeviceProvider library = host.providers().open(provider)) {
                DeviceProvider located = provider == Provider.DIOZERO
                        ? new dev.pifan.hal.diozero.DiozeroProvider(devDirectory)
                        : new dev.pifan.hal.pi4j.Pi4jProvider(devDirectory);
                located.openI2cBus(1).readByteData(0x2f, 0xFD);
                seen.add(provider.configName() + " worked?!");
            } catch (HalException e) {
                seen.add(provider.configName() + " " + e.kind() + ": " + e.getMessage());
            }
        }
        return seen;
    }
}

package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixture trees say what a real kernel says: every value a tree shares with what the kernel
 * tier's guest showed for the same board (its {@code sysfs.txt}, kept in
 * {@code src/test/resources/kernel-tier-dumps}; a new one is {@code kernel-tier/target/BOARD/out/sysfs.txt}
 * of a tier run) must be the guest's. hwmon devices are matched by name, since hwmon numbers follow
 * probe order. Not compared: {@code pwm1}, the fan's setting at the moment of the dump (each test
 * sets its own), and, on the Raspberry Pi OS trees, {@code available_policies}: the tier's kernel
 * has {@code user_space} as well (kernel-tier/kernel.fragment), which Raspberry Pi OS kernels do
 * not build (docs/fan-ownership.md); and {@code /sys/class/pwm}: the guest's only PWM chip is the
 * {@code pwm-gpio} stand-in for the board's PWM block (one channel, where RP1's has four).
 */
class FixturesMatchTheKernelTierTest {

    private static final Set<String> STATE = Set.of("pwm1");

    @ParameterizedTest(name = "{1} shows what the tier's {0} showed")
    @CsvSource({
        "pi5-cooler, " + Fixtures.PI5_ACTIVE_COOLER + ", true, 6",
        "poe-hat, " + Fixtures.PI4_POE_PLUS + ", true, 6",
        "talos-pi4, " + Fixtures.TALOS_PI4 + ", false, 1",
    })
    void everySharedValueIsTheGuests(String board, String tree, boolean raspberryPiOs, int atLeast) throws Exception {
        Path root = Fixtures.original(tree);
        Map<String, String> dump = dump(board);
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, String> e : dump.entrySet()) {
            String path = e.getKey();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (STATE.contains(name) || (raspberryPiOs && name.equals("available_policies"))
                    || path.startsWith("/sys/class/pwm/")) {
                continue;
            }
            Path file = fixtureFile(root, dump, path);
            if (file == null || !Files.isRegularFile(file)) {
                continue; // the tree leaves it out: nothing claimed
            }
            assertEquals(e.getValue(), Files.readString(file).strip(), tree + " " + root.relativize(file)
                    + " is not what the kernel tier's " + board + " guest showed (" + path + ")");
            compared.add(path);
        }
        assertTrue(compared.size() >= atLeast, tree + ": only " + compared + " compared with the " + board + " dump");
    }

    /** {@code /sys/class/hwmon/hwmonN/ATTR} goes to the tree's hwmon device of the same name; the rest as is. */
    private static Path fixtureFile(Path root, Map<String, String> dump, String path) throws IOException {
        if (!path.startsWith("/sys/class/hwmon/")) {
            return root.resolve(path.substring(1));
        }
        String device = path.substring(0, path.lastIndexOf('/'));
        String name = dump.get(device + "/name");
        try (Stream<Path> devices = Files.list(root.resolve("sys/class/hwmon"))) {
            return devices.filter(d -> name != null && readName(d).equals(name)).findFirst()
                    .map(d -> d.resolve(path.substring(path.lastIndexOf('/') + 1)))
                    .orElseThrow(() -> new AssertionError(root.getFileName() + " has no hwmon device named " + name
                            + ", which the kernel tier's guest has"));
        }
    }

    private static String readName(Path hwmon) {
        try {
            return Files.readString(hwmon.resolve("name")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code path=value} lines, values stripped (the kernel ends available_policies with a space). */
    private static Map<String, String> dump(String board) throws IOException, URISyntaxException {
        Path file = Path.of(FixturesMatchTheKernelTierTest.class.getResource("/kernel-tier-dumps/" + board
                + ".sysfs.txt").toURI());
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }
}

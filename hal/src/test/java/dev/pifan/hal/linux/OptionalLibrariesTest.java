package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.testing.Fixtures;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diozero and Pi4J are optional dependencies: a build without them must run sysfs boards, and a
 * config asking for one must get a HalException. Proven by running {@link WithoutLibrariesScenario}
 * in a class loader built from this test's class path minus those jars. (Reflection here is test
 * code only; the main code loads no class by name.)
 */
class OptionalLibrariesTest {

    @TempDir
    Path tmp;

    @Test
    void sysfsBoardsNeedNeitherLibraryAndAskingForOneIsAClearError() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank() || entry.contains("diozero") || entry.contains("pi4j") || entry.contains("tinylog")
                    || entry.contains(File.separator + "jna" + File.separator)) {
                continue;
            }
            urls.add(toUrl(entry));
        }
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path dev = Files.createDirectories(tmp.resolve("dev-nodes"));
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> scenario = isolated.loadClass(WithoutLibrariesScenario.class.getName());
            assertTrue(scenario.getClassLoader() == isolated, "the scenario runs in the isolated loader");
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) scenario.getMethod("run", Path.class, Path.class)
                    .invoke(null, root, dev);
            assertEquals("diozero absent", seen.get(0));
            assertEquals("board pwmfan/pwm1 52.35", seen.get(1));
            assertTrue(seen.get(2).startsWith("diozero UNSUPPORTED: diozero cannot run here"), seen.get(2));
            assertTrue(seen.get(3).startsWith("pi4j UNSUPPORTED: Pi4J cannot run here")
                    || seen.get(3).startsWith("pi4j UNSUPPORTED: pi4j is not on the class path"), seen.get(3));
        }
        assertEquals("enabled", Fixtures.read(root, "/sys/class/thermal/thermal_zone0/mode"));
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

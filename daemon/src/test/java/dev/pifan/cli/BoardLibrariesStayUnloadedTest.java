package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.testing.Fixtures;
import dev.pifan.testing.FixtureTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon ships diozero and Pi4J, but a board that needs neither never loads a class of theirs:
 * the real process, with the JVM listing every class it loads.
 */
class BoardLibrariesStayUnloadedTest {

    @TempDir
    Path tmp;

    private String classesLoaded(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xlog:class+load=info:file=" + tmp.resolve("classes.log"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PifanCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(tmp.resolve("output.txt")));
        return Files.readString(tmp.resolve("classes.log"), StandardCharsets.UTF_8);
    }

    @Test
    void runOnAPi5AndProbeLoadNeitherLibrary() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        for (String[] args : List.of(new String[] {"run", "--root", root.toString(), "--once"},
                new String[] {"probe", "--root", root.toString()})) {
            String loaded = classesLoaded(args);
            assertTrue(loaded.contains("dev.pifan.hal.linux.HwmonFan") || args[0].equals("probe"), "the log works");
            assertFalse(loaded.contains("com.diozero"), "diozero loaded by " + args[0]);
            assertFalse(loaded.contains("com.pi4j"), "Pi4J loaded by " + args[0]);
            assertFalse(loaded.contains("org.tinylog"), "tinylog loaded by " + args[0]);
        }
    }
}

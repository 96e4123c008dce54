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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the daemon leaves out of its memory (docs/benchmarks.md, "Cost of the daemon"): a class, once loaded, stays for
 * the daemon's life. The real process, with the JVM listing every class it loads.
 */
class LeanStartupTest {

    @TempDir
    Path tmp;

    @Test
    void runLoadsNeitherLogbacksPatternsNorPicocliConvertersItDoesNotUse() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + tmp.resolve("classes.log"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PifanCommand.class.getName(), "run", "--root", root.toString(), "--once")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("output.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(tmp.resolve("output.txt"));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("INFO  RunCommand: "), "the log line: " + output);
        String loaded = classesLoaded();
        assertTrue(loaded.contains("dev.pifan.logging.PifanLayout"), "the log works");
        for (String absent : List.of(
                "ch.qos.logback.classic.PatternLayout ", // the layout's converters and lambdas
                "ch.qos.logback.core.util.StatusPrinter ", // its time stamps load java.time's zone rules
                "java.time.zone.TzdbZoneRulesProvider ",
                "java.sql.", // picocli's converters for types no option has
                "java.time.OffsetDateTime ")) {
            assertFalse(loaded.contains(" " + absent), absent.strip() + " loaded by run");
        }
    }

    private String classesLoaded() throws IOException {
        return Files.readString(tmp.resolve("classes.log"), StandardCharsets.UTF_8);
    }
}

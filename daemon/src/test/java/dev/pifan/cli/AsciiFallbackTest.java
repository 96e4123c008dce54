package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsciiFallbackTest {

    @Test
    void anAsciiLocaleGetsStandInsAndUtf8TheGlyphs() {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        try (PrintWriter w = AsciiFallback.printWriter(ascii, StandardCharsets.US_ASCII, false)) {
            w.print("░ stall zone — 65 °C…");
        }
        assertEquals("# stall zone - 65 C...", ascii.toString(StandardCharsets.US_ASCII));
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        try (PrintWriter w = AsciiFallback.printWriter(utf8, StandardCharsets.UTF_8, false)) {
            w.print("░ 65 °C");
        }
        assertEquals("░ 65 °C", utf8.toString(StandardCharsets.UTF_8));
    }

    @Test
    void underLangCTheCurveChartHasNoQuestionMarks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName(), "curve"));
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("#   stall zone") || out.contains("# stall zone"), out);
        assertFalse(out.contains("?"), out);
    }
}

package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Timeout;

/**
 * The CSV readers fed anything: a trace or a sample list, or {@link CsvFormatException} naming
 * the line, and nothing else, never hanging. Seeds in TraceFuzzTestsInputs run in every build.
 */
class TraceFuzzTests {

    @FuzzTest
    @Timeout(10)
    void loadTrace(FuzzedDataProvider data) throws IOException {
        try {
            LoadTrace trace = LoadTrace.parse(new StringReader(data.consumeRemainingAsString()), "fuzz.csv");
            assertFalse(trace.rows().isEmpty());
            for (LoadTrace.Row row : trace.rows()) {
                assertTrue(row.load() >= 0 && row.load() <= 1, "load " + row.load());
                assertTrue(Double.isFinite(row.ambientC()), "ambient " + row.ambientC());
            }
        } catch (TraceFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.csv"), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void sampleCsv(FuzzedDataProvider data) throws IOException {
        try {
            SampleCsv.read(new StringReader(data.consumeRemainingAsString()), "fuzz.csv");
        } catch (CsvFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.csv"), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void fault(FuzzedDataProvider data) {
        try {
            Fault fault = Fault.parse(data.consumeRemainingAsString());
            assertTrue(fault.startS() >= 0 && fault.endS() > fault.startS());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("fault"), e.getMessage());
        }
    }
}

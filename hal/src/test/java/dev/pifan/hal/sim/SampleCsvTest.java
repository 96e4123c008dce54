package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCsvTest {

    private static final Sample SAMPLE = new Sample(
            1, 0.05, 25, 48.06126623, 48.0, 75 / 255.0, 1234.5678, 1000.0 / 1500.0, 0x50005, true);

    @Test
    void headerIsTheSpecs() {
        assertEquals("time_s,load,ambient_c,die_c,sensor_c,duty,rpm,freq_ratio,throttled", SampleCsv.HEADER);
    }

    @Test
    void rowFormat() {
        assertEquals("1,0.05,25.000,48.0613,48.000,0.29411764705882354,1234.568,0.6667,0x50005", SampleCsv.row(SAMPLE));
        assertEquals("7,1.0,-3.500,90.0000,90.500,0.0,0.000,0.4000,0x0",
                SampleCsv.row(new Sample(7, 1.0, -3.5, 90, 90.5, 0, 0, 0.4, 0, false)));
        assertEquals("3600,0.0001,20.1234567,50.0000,50.000,0.0000001,0.000,1.0000,0x0",
                SampleCsv.row(new Sample(3600, 0.0001, 20.1234567, 50, 50, 1e-7, 0, 1, 0, false)));
    }

    @Test
    void exactNumbersReadBackAsTheSameDouble() {
        for (double value : new double[] {0, 1, 0.05, 1e-7, 1e-4, 75 / 255.0, 2.0 / 3, 1e10, 123456789.125, -3.5}) {
            String text = Csv.exact(value);
            assertFalse(text.contains("E"), text);
            assertEquals(value, Double.parseDouble(text), 0.0, text);
        }
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertTrue(SampleCsv.row(SAMPLE).contains("48.0613,48.000"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void roundTrip(@TempDir Path dir) throws IOException {
        List<Sample> samples = Driver.run(BoardProfile.PI5_ACTIVE_COOLER,
                Scenarios.named("brownout").withDuration(1000), Driver.seedStepWithKick());
        Path file = dir.resolve("run.csv");
        SampleCsv.write(file, samples);
        List<String> lines = Files.readAllLines(file);
        assertEquals(1001, lines.size());
        assertEquals(SampleCsv.HEADER, lines.get(0));

        List<Sample> read = SampleCsv.read(file);
        assertEquals(samples.size(), read.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample written = samples.get(i);
            Sample back = read.get(i);
            assertEquals(written.timeS(), back.timeS());
            assertEquals(written.load(), back.load(), 0.0);
            assertEquals(written.ambientC(), back.ambientC(), 0.0);
            assertEquals(written.duty(), back.duty(), 0.0, "duty is written exactly");
            assertEquals(written.dieC(), back.dieC(), 0.00005);
            assertEquals(written.sensorC(), back.sensorC(), 0.0);
            assertEquals(written.rpm(), back.rpm(), 0.0005);
            assertEquals(written.freqRatio(), back.freqRatio(), 0.00005);
            assertEquals(written.throttled(), back.throttled());
            assertEquals(written.underVoltage(), back.underVoltage());
        }
        assertTrue(read.stream().anyMatch(Sample::underVoltage));
    }

    @Test
    void toleratesExtraTrailingColumnsAndBlankLines() throws IOException {
        String text = SampleCsv.HEADER + ",reason\n"
                + "1,0.05,25.0,48.0613,48.000,0.3,0.000,1.0000,0x0,curve\n"
                + "\n"
                + "2,0.05,25.0,48.0613,48.000,0.3,0.000,0.6667,0x50005,under voltage\n";
        List<Sample> read = SampleCsv.read(new StringReader(text), "run.csv");
        assertEquals(2, read.size());
        assertFalse(read.get(0).underVoltage());
        assertTrue(read.get(1).underVoltage());
        assertEquals(0x50005, read.get(1).throttled());
    }

    @Test
    void writesToAnyAppendable() throws IOException {
        StringWriter out = new StringWriter();
        SampleCsv.write(out, List.of(SAMPLE));
        assertEquals(SampleCsv.HEADER + "\n" + SampleCsv.row(SAMPLE) + "\n", out.toString());
    }

    @Test
    void errorsNameSourceAndLine() {
        assertEquals("run.csv line 1: header must start with " + SampleCsv.HEADER,
                errorOf("time_s,load,ambient_c\n"));
        assertEquals("run.csv line 1: header must start with " + SampleCsv.HEADER, errorOf(""));
        assertEquals("run.csv line 3: expected at least 9 columns, found 3",
                errorOf(SampleCsv.HEADER + "\n" + SampleCsv.row(SAMPLE) + "\n1,2,3\n"));
        assertEquals("run.csv line 2: die_c 'hot' is not a number",
                errorOf(SampleCsv.HEADER + "\n1,0.05,25.0,hot,48.000,0.3,0.000,1.0000,0x0\n"));
        assertEquals("run.csv line 2: throttled '0xZZ' is not a hex word like 0x50005",
                errorOf(SampleCsv.HEADER + "\n1,0.05,25.0,48,48.000,0.3,0.000,1.0000,0xZZ\n"));
        assertEquals("run.csv line 2: time_s 1.5 is not a whole number",
                errorOf(SampleCsv.HEADER + "\n1.5,0.05,25.0,48,48.000,0.3,0.000,1.0000,0x0\n"));
    }

    private static String errorOf(String text) {
        return assertThrows(CsvFormatException.class, () -> SampleCsv.read(new StringReader(text), "run.csv"))
                .getMessage();
    }
}

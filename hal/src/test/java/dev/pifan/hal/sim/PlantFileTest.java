package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlantFileTest {

    private static final String PI5 = PlantFile.write(BoardProfile.PI5_ACTIVE_COOLER, "a Pi 5");

    @ParameterizedTest
    @ValueSource(strings = {"pi4-heatsink", "pi5-active-cooler", "cm4-blade"})
    void aWrittenPlantReadsBackAsTheSameConstants(String name) {
        BoardProfile plant = BoardProfile.named(name);
        String text = PlantFile.write(plant, "heading\nsecond line");
        assertTrue(text.startsWith("# heading\n# second line\np_idle: "), text);
        assertEquals(plant, PlantFile.parse(text, name, "x.yaml"));
    }

    @Test
    void anyYamlSpellingOfTheMappingReads() {
        String flow = "{p_idle: 3.0, p_max: 8.5, c_die: 3, r_ds: 1.0, c_sink: 70, g_passive: 0.154, g_fan: 0.246,"
                + " rpm_max: 8500, d_start: 0.25, d_stop: 0.15, l_max: 38, tach: True}";
        assertEquals(BoardProfile.PI5_ACTIVE_COOLER, PlantFile.parse(flow, "pi5-active-cooler", "flow.yaml"));
        assertEquals(BoardProfile.PI5_ACTIVE_COOLER.withName("other"),
                PlantFile.parse("---\n" + PI5 + "...\n", "other", "doc.yaml"));
    }

    @Test
    void everyConstantIsRequiredAndTheMissingOnesAreNamed() {
        String text = PI5.replaceAll("(?m)^(r_ds|tach):.*\\n", "");
        PlantFormatException e = assertThrows(PlantFormatException.class, () -> PlantFile.parse(text, "p", "p.yaml"));
        assertEquals("p.yaml: missing r_ds, tach (a plant file names all 12 constants)", e.getMessage());
    }

    @Test
    void eachProblemNamesItsLineAndConstant() {
        String text = PI5.replace("c_die: 3", "c_dye: 3").replace("p_max: 8.5", "p_max: lots")
                .replace("tach: true", "tach: yes") + "l_max: 40\n";
        PlantFormatException e = assertThrows(PlantFormatException.class, () -> PlantFile.parse(text, "p", "p.yaml"));
        assertEquals(List.of(
                "p.yaml:3: p_max: 'lots' is not a number",
                "p.yaml:4: c_dye: is not a constant of the model: expected one of p_idle, p_max, c_die, r_ds, c_sink,"
                        + " g_passive, g_fan, rpm_max, d_start, d_stop, l_max, tach",
                "p.yaml:13: tach: 'yes' is not true or false",
                "p.yaml:14: l_max: is given twice (first at line 12)",
                "p.yaml: missing p_max, c_die, tach (a plant file names all 12 constants)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aValueOutOfItsRangePointsAtItsLine() {
        PlantFormatException negative = assertThrows(PlantFormatException.class,
                () -> PlantFile.parse(PI5.replace("r_ds: 1 ", "r_ds: -1"), "p", "p.yaml"));
        assertEquals("p.yaml:5: r_ds: -1.0 must be > 0", negative.getMessage());
        PlantFormatException stiction = assertThrows(PlantFormatException.class,
                () -> PlantFile.parse(PI5.replace("d_stop: 0.15", "d_stop: 0.35"), "p", "p.yaml"));
        assertEquals("p.yaml:11: d_stop: 0.35 must be within 0..d_start (0.25)", stiction.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"r_ds: {a: 1}", "r_ds: [1, 2]", "r_ds: '1.0'", "r_ds: .inf", "r_ds: 0x10", "r_ds: *x"})
    void aConstantIsOnePlainNumber(String line) {
        String text = PI5.replaceFirst("(?m)^r_ds:.*$", line);
        PlantFormatException e = assertThrows(PlantFormatException.class, () -> PlantFile.parse(text, "p", "p.yaml"));
        assertTrue(e.getMessage().startsWith("p.yaml:5: "), e.getMessage());
    }

    @Test
    void notAMappingOrNotYamlIsRefusedWithALine() {
        assertEquals("p.yaml: is empty: a plant file names all 12 constants (p_idle, p_max, c_die, r_ds, c_sink,"
                        + " g_passive, g_fan, rpm_max, d_start, d_stop, l_max, tach)",
                assertThrows(PlantFormatException.class, () -> PlantFile.parse("# nothing\n", "p", "p.yaml"))
                        .getMessage());
        assertEquals("p.yaml:1: a plant file is one mapping of constants (p_idle: 3.0, ...)",
                assertThrows(PlantFormatException.class, () -> PlantFile.parse("- 1\n- 2\n", "p", "p.yaml"))
                        .getMessage());
        assertEquals("p.yaml:1: p_idle: takes one value, not a list",
                assertThrows(PlantFormatException.class, () -> PlantFile.parse("p_idle: [\n", "p", "p.yaml"))
                        .getMessage());
        String broken = assertThrows(PlantFormatException.class,
                () -> PlantFile.parse("p_idle: 3\np_max: \"8\n", "p", "p.yaml")).getMessage();
        assertTrue(broken.startsWith("p.yaml:3: ") && broken.contains("end of stream"), broken);
        assertTrue(assertThrows(PlantFormatException.class,
                () -> PlantFile.parse("[".repeat(100_000), "p", "p.yaml")).getMessage().contains("a plant file is"));
        assertTrue(assertThrows(PlantFormatException.class,
                () -> PlantFile.parse(PI5 + "---\n" + PI5, "p", "p.yaml")).getMessage().contains("second document"));
    }
}

package dev.pifan.config;

import static dev.pifan.config.ConfigErrorsTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.QuietHours;
import dev.pifan.hal.Duty;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** {@code quiet: {from, to, max-duty}}: read as written, each mistake named where it is. */
class QuietConfigTest {

    @Test
    void quietHoursAreReadAcrossMidnightAndAbsentByDefault() throws ConfigException {
        PifanConfig config = ConfigLoader.parse("quiet:\n  from: 22:00\n  to: 7:30\n  max-duty: 40%\n", "pifan.yaml");
        assertEquals(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30), Duty.ofPercent(40)),
                config.quiet().orElseThrow());
        assertTrue(ConfigLoader.parse("board: pi5-active-cooler\n", "pifan.yaml").quiet().isEmpty());
        assertEquals(Duty.ofPercent(35), ConfigLoader.parse("quiet: {from: \"01:00\", to: \"02:00\", max-duty: 0.35}\n",
                "pifan.yaml").quiet().orElseThrow().maxDuty());
    }

    @Test
    void eachMistakeIsNamedWhereItIs() {
        expect("quiet:\n  from: 22:00\n  to: 07:00\n", 2, "quiet", "quiet hours need from, to and max-duty: max-duty is missing");
        expect("quiet:\n  from: 25:00\n  to: 07:00\n  max-duty: 40%\n", 2, "quiet.from",
                "25:00 is not a time of day: write HH:MM, e.g. 22:00");
        expect("quiet:\n  from: 22:00\n  to: 22:00\n  max-duty: 40%\n", 3, "quiet.to",
                "22:00 is the same as quiet.from: the window would be empty");
        expect("quiet:\n  from: 22:00\n  to: 07:00\n  max-duty: 15%\n", 4, "quiet.max-duty",
                "15% is below fan.min-duty 21% (the pi4-heatsink default): a running fan cannot go that slow");
        expect("quiet:\n  from: 22:00\n  to: 07:00\n  max-duty: 40%\n  until: 08:00\n", 5, "quiet.until",
                "unknown key (valid keys: from, to, max-duty)");
    }
}

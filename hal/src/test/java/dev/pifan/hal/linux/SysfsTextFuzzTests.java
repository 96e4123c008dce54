package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import org.junit.jupiter.api.Timeout;

/**
 * The parsers of what sysfs files and vcgencmd print, fed anything: they return a sane value or
 * throw {@link HalException} naming the source, and nothing else, never hanging. The seed corpus
 * (src/test/resources/.../SysfsTextFuzzTestsInputs) runs in every build; JAZZER_FUZZ=1 fuzzes.
 */
class SysfsTextFuzzTests {

    private static final String SOURCE = "/sys/fuzz";

    @FuzzTest
    @Timeout(10)
    void millidegrees(FuzzedDataProvider data) {
        try {
            double celsius = SysfsText.millidegrees(SOURCE, data.consumeRemainingAsString());
            assertTrue(Double.isFinite(celsius));
        } catch (HalException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void integerWithinBounds(FuzzedDataProvider data) {
        long min = data.consumeLong(-1000, 1000);
        long max = data.consumeLong(min, 100_000);
        try {
            long value = SysfsText.integer(SOURCE, data.consumeRemainingAsString(), min, max);
            assertTrue(value >= min && value <= max, value + " outside " + min + ".." + max);
        } catch (HalException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void flag(FuzzedDataProvider data) {
        try {
            SysfsText.flag(SOURCE, data.consumeRemainingAsString());
        } catch (HalException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void throttleWord(FuzzedDataProvider data) {
        try {
            ThrottleFlags flags = SysfsText.throttleWord(SOURCE, data.consumeRemainingAsString());
            assertTrue((flags.word() & ~ThrottleFlags.ALL_BITS) == 0, "undefined bits set: " + flags.toHex());
        } catch (HalException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        }
    }

    @FuzzTest
    @Timeout(10)
    void vcgencmdTemperature(FuzzedDataProvider data) {
        try {
            double celsius = SysfsText.vcgencmdTemperature(SOURCE, data.consumeRemainingAsString());
            assertTrue(Double.isFinite(celsius), "accepted a non-finite temperature: " + celsius);
        } catch (HalException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        }
    }
}

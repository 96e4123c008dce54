package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            65       | 65.0
            65.5     | 65.5
            65C      | 65.0
            65c      | 65.0
            65 C     | 65.0
            65°C     | 65.0
            65 °C    | 65.0
            ' 70C '  | 70.0
            0        | 0.0
            -0       | 0.0
            .5       | 0.5
            """)
    void temperatures(String text, double celsius) {
        assertEquals(celsius, Units.temperature(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            149F  | '"149F": temperatures are in degrees Celsius only: write e.g. 65, 65C or 65°C'
            338 K | '"338 K": temperatures are in degrees Celsius only: write e.g. 65, 65C or 65°C'
            65°F  | '"65°F": temperatures are in degrees Celsius only: write e.g. 65, 65C or 65°C'
            hot   | '"hot" is not a temperature: write e.g. 65, 65C or 65°C'
            65CC  | '"65CC" is not a temperature: write e.g. 65, 65C or 65°C'
            1e3   | '"1e3" is not a temperature: write e.g. 65, 65C or 65°C'
            ''    | '"" is not a temperature: write e.g. 65, 65C or 65°C'
            """)
    void badTemperatures(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.temperature(text)).getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            40%      | 0.4
            40 %     | 0.4
            0%       | 0.0
            100%     | 1.0
            12.5%    | 0.125
            0.4      | 0.4
            0        | 0.0
            1        | 1.0
            1.0      | 1.0
            102/255  | 0.4
            255/255  | 1.0
            0/255    | 0.0
            1/2      | 0.5
            -0%      | 0.0
            """)
    void duties(String text, double ratio) {
        assertEquals(ratio, Units.duty(text).ratio(), 1e-12);
    }

    @Test
    void percentAndRatioGiveTheSameDutyAsTheFactories() {
        // The example file must compare equal to the defaults table: no rounding drift allowed.
        assertEquals(Duty.ofPercent(40), Units.duty("40%"));
        assertEquals(Duty.ofRatio(0.4), Units.duty("0.4"));
        assertEquals(Duty.ofPwm(102), Units.duty("102/255"));
        assertEquals(Duty.OFF, Units.duty("-0%"));
    }

    @Test
    void everyPwmValueGivesExactlyTheDutyOfPwm() {
        for (int pwm = 0; pwm <= 255; pwm++) {
            assertEquals(Duty.ofPwm(pwm), Units.duty(pwm + "/255"));
        }
        assertEquals(0.5, Units.duty("1" + "0".repeat(30) + "/2" + "0".repeat(30)).ratio());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            40       | '"40" is ambiguous: write 40% or 0.4'
            1.5      | '"1.5" is ambiguous: write 1.5% or 0.015'
            100      | '"100" is ambiguous: write 100% or 1'
            255      | '"255" is ambiguous: write a percentage (40%), a ratio (0.4) or a PWM value (102/255)'
            120%     | '120% outside 0%..100%'
            -5%      | '-5% outside 0%..100%'
            -0.5     | '-0.5 outside 0%..100%'
            300/255  | '300/255 outside 0%..100%'
            1/0      | '"1/0" divides by zero: write a percentage (40%), a ratio (0.4) or a PWM value (102/255)'
            full     | '"full" is not a duty: write a percentage (40%), a ratio (0.4) or a PWM value (102/255)'
            40%%     | '"40%%" is not a duty: write a percentage (40%), a ratio (0.4) or a PWM value (102/255)'
            """)
    void badDuties(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.duty(text)).getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2s      | PT2S
            500ms   | PT0.5S
            1.5s    | PT1.5S
            10m     | PT10M
            1h      | PT1H
            1m30s   | PT1M30S
            1h 30m  | PT1H30M
            2       | PT2S
            0.25    | PT0.25S
            0       | PT0S
            0s      | PT0S
            1.0005s | PT1.0005S
            """)
    void durations(String text, Duration expected) {
        assertEquals(expected, Units.duration(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            soon
            2 seconds
            2S
            -1s
            +1
            s
            1.s
            10min
            off
            ''
            """)
    void badDurations(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> Units.duration(text)).getMessage();
        assertEquals('"' + text + "\" is not a duration: write e.g. 500ms, 2s, 1.5s, 10m or 1h", message);
    }

    @Test
    void absurdDurationsSaturateSoTheRangeCheckRefusesThem() {
        assertEquals(Units.SATURATED, Units.duration("99999999999999999999999999h"));
        assertEquals(Units.SATURATED, Units.duration("9".repeat(400)));
    }

    @Test
    void offIsZeroWhereAllowed() {
        assertEquals(Duration.ZERO, Units.durationOrOff("off"));
        assertEquals(Duration.ZERO, Units.durationOrOff(" off "));
        assertEquals(Duration.ofMinutes(10), Units.durationOrOff("10m"));
        assertThrows(IllegalArgumentException.class, () -> Units.durationOrOff("OFF"));
    }

    @Test
    void integers() {
        assertEquals(3, Units.integer("3"));
        assertEquals(3, Units.integer(" 03 "));
        assertEquals(-1, Units.integer("-1"));
        assertEquals("\"3.0\" is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> Units.integer("3.0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.integer("three"));
        assertThrows(IllegalArgumentException.class, () -> Units.integer("9999999999"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT1S     | 1s
            PT0.5S   | 500ms
            PT1.5S   | 1.5s
            PT10M    | 10m
            PT1H     | 1h
            PT90M    | 90m
            PT0S     | 0s
            PT2M30S  | 150s
            """)
    void durationsAreFormattedTheWayTheConfigWritesThem(Duration d, String text) {
        assertEquals(text, Units.format(d));
        assertEquals(d, Units.duration(text)); // and they read back
    }

    @Test
    void numbersAreFormattedWithoutTrailingZeros() {
        assertEquals("45", Units.format(45.0));
        assertEquals("65.5", Units.format(65.5));
        assertEquals("0.015", Units.format(0.015));
    }

    @Test
    void userTextIsEscapedAndCutInMessages() {
        assertEquals("a\\u0009b", Units.shown("a\tb"));
        assertEquals("x".repeat(40) + "…", Units.shown("x".repeat(41)));
        assertEquals("\"x\"", Units.quoted(" x "));
    }

    @Test
    void ratesOfDutyPerTime() {
        assertEquals(0.2 / 100 / 60, Units.ratePerSecond("0.2%/min"));
        assertEquals(12.0 / 100 / 3600, Units.ratePerSecond("12%/h"));
        assertEquals(0.5 / 100, Units.ratePerSecond("0.5%/s"));
        assertEquals(1.0 / 100 / 60, Units.ratePerSecond(" 1 % / min "));
        assertEquals(0.0, Units.ratePerSecond("0%/min"));
        assertEquals("\"0.2%\" is not a rate: write a duty per time, e.g. 0.2%/min, 12%/h or 0.5%/s",
                assertThrows(IllegalArgumentException.class, () -> Units.ratePerSecond("0.2%")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.ratePerSecond("0.2/min"));
        assertThrows(IllegalArgumentException.class, () -> Units.ratePerSecond("0.2%/day"));
        assertEquals("-1%/min must not be negative",
                assertThrows(IllegalArgumentException.class, () -> Units.ratePerSecond("-1%/min")).getMessage());
        assertEquals("0.18%/min", Units.formatRate(Units.ratePerSecond("0.18%/min")));
        assertEquals("0.2%/min", Units.formatRate(Units.ratePerSecond("12%/h")));
    }

    @Test
    void temperaturesOrOff() {
        assertEquals(java.util.OptionalDouble.of(65), Units.temperatureOrOff("65C"));
        assertEquals(java.util.OptionalDouble.empty(), Units.temperatureOrOff(" off "));
        assertThrows(IllegalArgumentException.class, () -> Units.temperatureOrOff("none"));
    }
}

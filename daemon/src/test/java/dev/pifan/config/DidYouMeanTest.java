package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {

    private static final List<String> KEYS = List.of("min-duty", "start-duty", "kick", "exit");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            min_duty   | min-duty
            minduty    | min-duty
            Min-Duty   | min-duty
            strat-duty | start-duty
            startduty  | start-duty
            kik        | kick
            kicks      | kick
            exti       | exit
            """)
    void closeTyposAreMatched(String typo, String meant) {
        assertEquals(Optional.of(meant), DidYouMean.closest(typo, KEYS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            speed
            fan
            duty
            mode
            """)
    void farWordsAreNot(String word) {
        assertEquals(Optional.empty(), DidYouMean.closest(word, KEYS));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(textBlock = """
            hysterisis, hysteresis, 1
            interval, intreval, 1
            kick, kick, 0
            '', abc, 3
            abc, '', 3
            kitten, sitting, 3
            """)
    void distance(String a, String b, int expected) {
        assertEquals(expected, DidYouMean.distance(a, b));
    }
}

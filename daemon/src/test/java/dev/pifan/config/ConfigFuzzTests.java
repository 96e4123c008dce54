package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * The YAML loader fed anything: a configuration, or {@link ConfigException} with at least one
 * problem naming the file, and nothing else, never hanging. Seeds in ConfigFuzzTestsInputs run
 * in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ConfigFuzzTests {

    @FuzzTest
    @Timeout(10)
    void loader(FuzzedDataProvider data) {
        try {
            PifanConfig config = ConfigLoader.parse(data.consumeRemainingAsString(), "fuzz.yaml");
            assertTrue(config.curve().points().size() >= 2);
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
            assertTrue(e.getMessage().startsWith("fuzz.yaml"), e.getMessage());
        }
    }
}

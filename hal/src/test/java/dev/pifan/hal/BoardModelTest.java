package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardModelTest {

    @ParameterizedTest
    @CsvSource({
        "'Raspberry Pi 4 Model B Rev 1.5\u0000', PI4, Raspberry Pi 4 Model B Rev 1.5",
        "'Raspberry Pi 5 Model B Rev 1.0\u0000', PI5, Raspberry Pi 5 Model B Rev 1.0",
        "'Raspberry Pi Compute Module 4 Rev 1.1\u0000', CM4, Raspberry Pi Compute Module 4 Rev 1.1",
        "'Raspberry Pi Compute Module 5 Rev 1.0', CM5, Raspberry Pi Compute Module 5 Rev 1.0",
        "'Raspberry Pi 400 Rev 1.0', PI4, Raspberry Pi 400 Rev 1.0",
        "'Raspberry Pi 3 Model B Plus Rev 1.3', OTHER_PI, Raspberry Pi 3 Model B Plus Rev 1.3",
        "'Pine64 RockPro64 v2.1', UNKNOWN, Pine64 RockPro64 v2.1",
        "'', UNKNOWN, unknown board",
    })
    void classifiesTheDeviceTreeModel(String text, BoardModel.Family family, String description) {
        BoardModel model = BoardModel.parse(text);
        assertEquals(family, model.family());
        assertEquals(description, model.description());
    }
}

package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.tray.PeerReport;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The peer endpoint's format: what the writer writes the reader reads back, and nothing else. */
class PeerJsonTest {

    static final PeerReport REPORT = new PeerReport("3d8a41b8-33e1-4358-8471-17ae8d1c3049", 42, Duty.ofRatio(0.35),
            Reason.CEILING, OptionalDouble.of(63.25), "trimmed \"to\" hold 65 C\n");

    @Test
    void roundTrip() {
        assertEquals(REPORT, PeerJson.read(PeerJson.write(REPORT)));
        PeerReport unread = new PeerReport("run-1", 1, Duty.FULL, Reason.SENSOR_FAILURE, OptionalDouble.empty(), "");
        assertEquals(unread, PeerJson.read(PeerJson.write(unread)));
    }

    @Test
    void theWrittenFormIsTheDocumentedOne() {
        assertEquals("{\"instance\":\"run-1\",\"tick\":7,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":null,"
                + "\"detail\":\"\"}", PeerJson.write(new PeerReport("run-1", 7, Duty.ofRatio(0.5), Reason.CURVE,
                        OptionalDouble.empty(), "")));
    }

    @Test
    void aLongDetailIsCutSoTheReportStaysSmall() {
        PeerReport chatty = new PeerReport("run-1", 7, Duty.ofRatio(0.5), Reason.CURVE, OptionalDouble.empty(),
                "x".repeat(10_000));
        String json = PeerJson.write(chatty);
        assertTrue(json.length() < 400, json);
        assertEquals(PeerJson.MAX_DETAIL + 1, PeerJson.read(json).detail().length());
    }

    @Test
    void fieldsItDoesNotKnowAreIgnored() {
        assertEquals(REPORT.tick(), PeerJson.read(PeerJson.write(REPORT).replace("{", "{\"future\":[1,2],")).tick());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage",
        "[]",
        "null",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50}",
        "{\"instance\":\"a\",\"tick\":\"1\",\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":0,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1.5,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1e300,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":1.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":-0.1,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":\"full\",\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"cool\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"critical\",\"celsius\":90,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":\"50\",\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":null}",
        "{\"instance\":\"\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a b\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"\"} {}",
        "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":0.5,\"reason\":\"curve\",\"celsius\":50,\"detail\":\"",
    })
    void anythingElseIsRefused(String body) {
        assertThrows(IllegalArgumentException.class, () -> PeerJson.read(body));
    }

    @Test
    void aSafetyReasonAtFullSpeedIsAccepted() {
        String body = "{\"instance\":\"a\",\"tick\":1,\"requested_duty\":1,\"reason\":\"critical\",\"celsius\":90,"
                + "\"detail\":\"\"}";
        assertEquals(Reason.CRITICAL, PeerJson.read(body).reason());
    }
}

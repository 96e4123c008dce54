package dev.pifan.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.status.WarnStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PifanLogConfiguratorTest {

    @Test
    void logbacksOwnWarningsAndErrorsAreOneLineEachOnStandardError() {
        LoggerContext context = new LoggerContext();
        context.getStatusManager().add(new WarnStatus("early warning, before pifan's configuration", this));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY,
                    new PifanLogConfigurator().configure(context));
            context.getStatusManager().add(new InfoStatus("all well", this));
            context.getStatusManager().add(new ErrorStatus("appender broke", this, new IllegalStateException("closed")));
        } finally {
            System.setErr(saved);
        }
        // a listener of its own: logback leaves its status printer (and java.time's zone rules) alone
        assertTrue(StatusUtil.contextHasStatusListener(context));
        assertEquals("logback warning: early warning, before pifan's configuration" + System.lineSeparator()
                + "logback error: appender broke (java.lang.IllegalStateException: closed)" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }
}

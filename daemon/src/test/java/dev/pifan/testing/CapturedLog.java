package dev.pifan.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What a logger (and those below it) logs while this is open: {@code try (CapturedLog log = ...)}. */
public final class CapturedLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;

    private CapturedLog(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(loggerName));
    }

    public static CapturedLog of(Class<?> loggerOf) {
        return of(loggerOf.getName());
    }

    /** Each line logged so far, its message formatted. */
    public List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}

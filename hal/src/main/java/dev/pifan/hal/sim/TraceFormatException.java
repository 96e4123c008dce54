package dev.pifan.hal.sim;

/**
 * A load trace CSV ({@code time_s,load,ambient_c}) is malformed. The message names the source and
 * the line: {@code trace.csv line 7: load 1.4 outside 0..1}. This is the only exception {@link
 * LoadTrace#parse} throws for bad content, whatever the input; an unreadable file is an {@link
 * java.io.IOException}.
 */
public class TraceFormatException extends CsvFormatException {

    public TraceFormatException(String source, int line, String problem) {
        super(source, line, problem);
    }
}

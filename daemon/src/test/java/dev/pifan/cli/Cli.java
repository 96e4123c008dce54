package dev.pifan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the pifan command line in-process and captures what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PifanCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** Whether the error output is what a user should see: no stack trace, no exception class names. */
    boolean errIsOneCleanMessage() {
        return err.startsWith("pifan: ") && !err.contains("Exception") && !err.contains("\tat ");
    }
}

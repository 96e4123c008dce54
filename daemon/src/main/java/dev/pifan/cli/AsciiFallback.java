package dev.pifan.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * The command line's output for a terminal whose locale cannot show pifan's few non-ASCII
 * characters (LANG=C, a minimal container): each is written as its ASCII stand-in instead of the
 * encoder's {@code ?}: the chart's stall zone {@code ░} as {@code #}, {@code —} as {@code -},
 * {@code …} as {@code ...}, {@code °C} as {@code C}.
 */
final class AsciiFallback {

    private AsciiFallback() {
    }

    /** A writer to {@code out} in {@code charset}: as is where it can show the stall-zone glyph, else transliterating. */
    static PrintWriter printWriter(OutputStream out, Charset charset, boolean autoFlush) {
        Writer writer = new OutputStreamWriter(out, charset);
        return new PrintWriter(needsFallback(charset) ? new Transliterating(writer) : writer, autoFlush);
    }

    static boolean needsFallback(Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        return !(encoder.canEncode('░') && encoder.canEncode('°') && encoder.canEncode('—'));
    }

    static String ascii(char c) {
        return switch (c) {
            case '░' -> "#";
            case '—', '–' -> "-";
            case '…' -> "...";
            case '°' -> ""; // "65 °C" reads "65 C"
            default -> c < 128 ? String.valueOf(c) : "?";
        };
    }

    private static final class Transliterating extends FilterWriter {
        Transliterating(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            out.write(ascii((char) c));
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            StringBuilder b = new StringBuilder(length);
            for (int i = offset; i < offset + length; i++) {
                b.append(chars[i] < 128 ? String.valueOf(chars[i]) : ascii(chars[i]));
            }
            out.write(b.toString());
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            write(s.toCharArray(), offset, length);
        }
    }
}

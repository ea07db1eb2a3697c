package org.openpaypro.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV lines that a spreadsheet opens as plain text: a cell starting with {@code = + - @}, a tab or
 * a carriage return is prefixed with an apostrophe (CSV injection, OWASP), and a cell holding a comma, quote or line
 * break is quoted. Lines end with CRLF. Stateless, thread-safe.
 */
public final class Csv {
    private Csv() {
    }

    /** What a download writes into the response, line by line. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    /**
     * Answers {@code ctx} with a CSV attachment named {@code fileName}, streamed as {@code body} writes it (UTF-8,
     * buffered, no row held in memory beyond the buffer).
     */
    public static void download(io.javalin.http.Context ctx, String fileName, Body body) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try {
            Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(ctx.res().getOutputStream(),
                    java.nio.charset.StandardCharsets.UTF_8), 64 * 1024);
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One cell as written: neutralised against formula injection, then quoted when it must be. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            text = "'" + text;
        }
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

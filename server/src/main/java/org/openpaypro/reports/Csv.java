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

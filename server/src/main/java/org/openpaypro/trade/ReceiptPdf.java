package org.openpaypro.trade;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-page PDF receipt (PDF 1.4, Helvetica, text only) for a successful trade: the proof/voucher of spec §6.3.
 * Written by hand (a few objects and a correct cross-reference table) to avoid a PDF library. Stateless.
 */
public final class ReceiptPdf {
    private ReceiptPdf() {
    }

    /** Renders the lines (Latin-1 text; other characters become '?') as a receipt titled {@code title}. */
    public static byte[] render(String title, List<String[]> rows) {
        StringBuilder content = new StringBuilder("BT /F1 18 Tf 56 780 Td (").append(escape(title)).append(") Tj ET\n");
        int y = 740;
        for (String[] row : rows) {
            content.append("BT /F1 11 Tf 56 ").append(y).append(" Td (").append(escape(row[0])).append(") Tj ET\n");
            content.append("BT /F1 11 Tf 220 ").append(y).append(" Td (").append(escape(row[1])).append(") Tj ET\n");
            y -= 20;
        }
        byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                + "/Contents 5 0 R >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        offsets.add(out.size());
        write(out, "5 0 obj\n<< /Length " + stream.length + " >>\nstream\n");
        out.writeBytes(stream);
        write(out, "endstream\nendobj\n");
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        write(out, table + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 32 || c > 255) {
                escaped.append('?');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

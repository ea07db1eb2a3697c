package org.openpaypro.channel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the encoder against ISO/IEC 18004 reference tables (format and version information strings, alignment
 * positions, level M block structure) and a worked Reed-Solomon example, then fully decodes the produced matrices
 * with an independent reader written here from the standard.
 */
class QrSvgTest {

    /** Format information strings for level M, masks 0..7 (ISO/IEC 18004 Table C.1). */
    private static final int[] FORMAT_M = {
        0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
        0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000};
    /** Version information strings (ISO/IEC 18004 Table D.1). */
    private static final Map<Integer, Integer> VERSION_INFO = Map.of(7, 0x07C94, 8, 0x085BC, 9, 0x09A99, 10, 0x0A4D3);
    /** Alignment pattern centre coordinates (ISO/IEC 18004 Table E.1), versions 1..10. */
    private static final int[][] ALIGN = {{}, {}, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38},
        {6, 24, 42}, {6, 26, 46}, {6, 28, 50}};
    /** Level M: {ecc per block, blocks in group 1, data per block 1, blocks in group 2, data per block 2}. */
    private static final int[][] BLOCKS_M = {{}, {10, 1, 16, 0, 0}, {16, 1, 28, 0, 0}, {26, 1, 44, 0, 0},
        {18, 2, 32, 0, 0}, {24, 2, 43, 0, 0}, {16, 4, 27, 0, 0}, {18, 4, 31, 0, 0}, {22, 2, 38, 2, 39},
        {22, 3, 36, 2, 37}, {26, 4, 43, 1, 44}};

    @Test
    void reedSolomonMatchesTheWorkedHelloWorldExample() {
        // "HELLO WORLD" 1-M (alphanumeric) data and error correction codewords from the thonky.com QR tutorial
        int[] data = {32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
        int[] expected = {196, 35, 39, 119, 235, 215, 231, 226, 93, 23};
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = (byte) data[i];
        }
        byte[] ecc = QrSvg.rsRemainder(bytes, 0, bytes.length, QrSvg.rsGenerator(10));
        int[] actual = new int[ecc.length];
        for (int i = 0; i < ecc.length; i++) {
            actual[i] = ecc[i] & 0xFF;
        }
        assertThat(actual).containsExactly(expected);
    }

    @Test
    void capacityTablesMatchTheStandard() {
        int[] dataCodewordsM = {0, 16, 28, 44, 64, 86, 108, 124, 154, 182, 216};
        for (int v = 1; v <= 10; v++) {
            assertThat(QrSvg.dataCodewords(v)).as("version %d", v).isEqualTo(dataCodewordsM[v]);
            assertThat(QrSvg.alignmentPositions(v)).as("version %d", v).containsExactly(ALIGN[v]);
        }
        assertThat(QrSvg.dataCodewords(40)).isEqualTo(2334);
        assertThat(QrSvg.alignmentPositions(32)).containsExactly(6, 34, 60, 86, 112, 138);
        // byte-mode capacity at level M: v1 14 bytes, v9 180, v10 213
        assertThat(QrSvg.chooseVersion(14)).isEqualTo(1);
        assertThat(QrSvg.chooseVersion(15)).isEqualTo(2);
        assertThat(QrSvg.chooseVersion(180)).isEqualTo(9);
        assertThat(QrSvg.chooseVersion(181)).isEqualTo(10);
        assertThat(QrSvg.chooseVersion(213)).isEqualTo(10);
        assertThat(QrSvg.chooseVersion(214)).isEqualTo(11);
    }

    @Test
    void formatBitsMatchTheReferenceTable() {
        for (int mask = 0; mask < 8; mask++) {
            assertThat(QrSvg.formatBits(mask)).as("mask %d", mask).isEqualTo(FORMAT_M[mask]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, 14, 15, 26, 27, 60, 100, 106, 122, 123, 152, 153, 180, 181, 213})
    void encodesAndDecodesPayloadsOfManyLengths(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('!' + (i * 7) % 90));
        }
        assertDecodesTo(sb.toString());
    }

    @Test
    void encodesARealBrCodeAndUtf8() {
        String brCode = BrCode.build("123e4567-e12b-12d1-a456-426655440000", "Loja Exemplo", "Rio de Janeiro",
                15_000, "OPP2024000001");
        assertThat(assertDecodesTo(brCode)).isBetween(5, 10);
        assertThat(assertDecodesTo("HELLO WORLD")).isEqualTo(1);
        assertDecodesTo("São Paulo — ação 🙂");
    }

    @Test
    void largerVersionsHaveTheRightSize() {
        assertThat(QrSvg.matrix("x".repeat(214))).hasNumberOfRows(61); // version 11
        assertThat(QrSvg.matrix("x".repeat(2331))).hasNumberOfRows(177); // version 40, 2331 bytes is the maximum
        assertThatThrownBy(() -> QrSvg.matrix("x".repeat(2332))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrSvg.matrix(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void svgHasQuietZoneAndOneSquarePerDarkModule() {
        boolean[][] m = QrSvg.matrix("HELLO WORLD");
        String svg = QrSvg.svg("HELLO WORLD", 4);
        int dark = 0;
        for (boolean[] row : m) {
            for (boolean b : row) {
                dark += b ? 1 : 0;
            }
        }
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .contains("width=\"116\" height=\"116\"", "viewBox=\"0 0 29 29\"", "M4,4h1v1h-1z");
        assertThat(svg.split("h1v1h-1z", -1)).hasSize(dark + 1);
        assertThatThrownBy(() -> QrSvg.svg("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Checks the structure of the matrix for {@code text}, decodes it, and returns its version. */
    private static int assertDecodesTo(String text) {
        boolean[][] m = QrSvg.matrix(text);
        int n = m.length;
        assertThat((n - 17) % 4).isZero();
        int version = (n - 17) / 4;
        assertThat(version).isBetween(1, 10);
        assertThat(n).isEqualTo(21 + 4 * (version - 1));
        for (boolean[] row : m) {
            assertThat(row).hasSize(n);
        }

        assertFinder(m, 0, 0);
        assertFinder(m, 0, n - 7);
        assertFinder(m, n - 7, 0);
        for (int i = 8; i < n - 8; i++) {
            assertThat(m[6][i]).as("horizontal timing %d", i).isEqualTo(i % 2 == 0);
            assertThat(m[i][6]).as("vertical timing %d", i).isEqualTo(i % 2 == 0);
        }
        assertThat(m[n - 8][8]).as("dark module").isTrue();
        int[] align = ALIGN[version];
        for (int r : align) {
            for (int c : align) {
                if (!(r == 6 && c == 6 || r == 6 && c == n - 7 || r == n - 7 && c == 6)) {
                    for (int dr = -2; dr <= 2; dr++) {
                        for (int dc = -2; dc <= 2; dc++) {
                            assertThat(m[r + dr][c + dc]).isEqualTo(Math.max(Math.abs(dr), Math.abs(dc)) != 1);
                        }
                    }
                }
            }
        }

        int format1 = 0;
        int format2 = 0;
        int[][] copy1 = {{0, 8}, {1, 8}, {2, 8}, {3, 8}, {4, 8}, {5, 8}, {7, 8}, {8, 8}, {8, 7}, {8, 5}, {8, 4},
            {8, 3}, {8, 2}, {8, 1}, {8, 0}};
        for (int i = 0; i < 15; i++) {
            format1 |= (m[copy1[i][0]][copy1[i][1]] ? 1 : 0) << i;
            boolean b2 = i < 8 ? m[8][n - 1 - i] : m[n - 15 + i][8];
            format2 |= (b2 ? 1 : 0) << i;
        }
        assertThat(format2).isEqualTo(format1);
        assertThat(bchRemainder(format1 ^ 0x5412, 0x537, 10)).as("format BCH").isZero();
        assertThat((format1 ^ 0x5412) >>> 13).as("ECL bits (M = 00)").isZero();
        int mask = ((format1 ^ 0x5412) >>> 10) & 7;
        assertThat(format1).isEqualTo(FORMAT_M[mask]);

        boolean[][] function = new boolean[n][n];
        fill(function, 0, 0, 9, 9);
        fill(function, 0, n - 8, 9, 8);
        fill(function, n - 8, 0, 8, 9);
        fill(function, 6, 0, 1, n);
        fill(function, 0, 6, n, 1);
        for (int r : align) {
            for (int c : align) {
                if (!(r == 6 && c == 6 || r == 6 && c == n - 7 || r == n - 7 && c == 6)) {
                    fill(function, r - 2, c - 2, 5, 5);
                }
            }
        }
        if (version >= 7) {
            int info1 = 0;
            int info2 = 0;
            for (int i = 0; i < 18; i++) {
                info1 |= (m[i / 3][n - 11 + i % 3] ? 1 : 0) << i;
                info2 |= (m[n - 11 + i % 3][i / 3] ? 1 : 0) << i;
            }
            assertThat(info1).isEqualTo(VERSION_INFO.get(version)).isEqualTo(info2);
            assertThat(bchRemainder(info1, 0x1F25, 12)).as("version BCH").isZero();
            fill(function, 0, n - 11, 6, 3);
            fill(function, n - 11, 0, 3, 6);
        }

        // read the codewords in the standard two-column zigzag, removing the mask as we go
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        boolean up = true;
        for (int col = n - 1; col > 0; col -= 2) {
            if (col == 6) {
                col--;
            }
            for (int k = 0; k < n; k++) {
                int row = up ? n - 1 - k : k;
                for (int c = col; c > col - 2; c--) {
                    if (!function[row][c]) {
                        acc = acc << 1 | (m[row][c] ^ referenceMask(mask, row, c) ? 1 : 0);
                        if (++bits % 8 == 0) {
                            raw.write(acc);
                            acc = 0;
                        }
                    }
                }
            }
            up = !up;
        }
        byte[] codewords = raw.toByteArray();

        int[] b = BLOCKS_M[version];
        int ecc = b[0];
        int numBlocks = b[1] + b[3];
        int[][] blocks = new int[numBlocks][];
        int[] dataLen = new int[numBlocks];
        for (int i = 0; i < numBlocks; i++) {
            dataLen[i] = i < b[1] ? b[2] : b[4];
            blocks[i] = new int[dataLen[i] + ecc];
        }
        assertThat(codewords).hasSize(b[1] * b[2] + b[3] * b[4] + numBlocks * ecc);
        int p = 0;
        for (int i = 0; i < Math.max(b[2], b[4]); i++) {
            for (int j = 0; j < numBlocks; j++) {
                if (i < dataLen[j]) {
                    blocks[j][i] = codewords[p++] & 0xFF;
                }
            }
        }
        for (int i = 0; i < ecc; i++) {
            for (int j = 0; j < numBlocks; j++) {
                blocks[j][dataLen[j] + i] = codewords[p++] & 0xFF;
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int j = 0; j < numBlocks; j++) {
            for (int root = 0, alpha = 1; root < ecc; root++, alpha = gfMul(alpha, 2)) {
                int syndrome = 0;
                for (int coefficient : blocks[j]) {
                    syndrome = gfMul(syndrome, alpha) ^ coefficient;
                }
                assertThat(syndrome).as("block %d syndrome %d", j, root).isZero();
            }
            for (int i = 0; i < dataLen[j]; i++) {
                data.write(blocks[j][i]);
            }
        }

        byte[] d = data.toByteArray();
        assertThat(readBits(d, 0, 4)).as("byte mode").isEqualTo(0b0100);
        int countBits = version <= 9 ? 8 : 16;
        int count = readBits(d, 4, countBits);
        byte[] payload = new byte[count];
        for (int i = 0; i < count; i++) {
            payload[i] = (byte) readBits(d, 4 + countBits + 8 * i, 8);
        }
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(text);
        int end = 4 + countBits + 8 * count;
        int terminator = Math.min(4, d.length * 8 - end);
        assertThat(readBits(d, end, terminator)).as("terminator").isZero();
        int padStart = (end + terminator + 7) / 8;
        for (int i = padStart; i < d.length; i++) {
            assertThat(d[i] & 0xFF).as("pad byte %d", i).isEqualTo((i - padStart) % 2 == 0 ? 0xEC : 0x11);
        }
        return version;
    }

    private static void assertFinder(boolean[][] m, int top, int left) {
        for (int r = -1; r <= 7; r++) {
            for (int c = -1; c <= 7; c++) {
                int row = top + r;
                int col = left + c;
                if (row < 0 || col < 0 || row >= m.length || col >= m.length) {
                    continue;
                }
                boolean ring = r == 0 || r == 6 || c == 0 || c == 6;
                boolean core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
                boolean inside = r >= 0 && r <= 6 && c >= 0 && c <= 6;
                assertThat(m[row][col]).as("finder at %d,%d", row, col).isEqualTo(inside && (ring || core));
            }
        }
    }

    /** Mask conditions as written in ISO/IEC 18004 Table 10 (i = row, j = column). */
    private static boolean referenceMask(int mask, int i, int j) {
        return switch (mask) {
            case 0 -> (i + j) % 2 == 0;
            case 1 -> i % 2 == 0;
            case 2 -> j % 3 == 0;
            case 3 -> (i + j) % 3 == 0;
            case 4 -> (i / 2 + j / 3) % 2 == 0;
            case 5 -> (i * j) % 2 + (i * j) % 3 == 0;
            case 6 -> ((i * j) % 2 + (i * j) % 3) % 2 == 0;
            default -> ((i * j) % 3 + (i + j) % 2) % 2 == 0;
        };
    }

    private static void fill(boolean[][] f, int top, int left, int height, int width) {
        for (int r = top; r < top + height; r++) {
            for (int c = left; c < left + width; c++) {
                f[r][c] = true;
            }
        }
    }

    private static int bchRemainder(int value, int generator, int degree) {
        int v = value;
        for (int bit = 31; bit >= degree; bit--) {
            if (((v >>> bit) & 1) != 0) {
                v ^= generator << (bit - degree);
            }
        }
        return v;
    }

    /** Carry-less multiply modulo x^8 + x^4 + x^3 + x^2 + 1, without lookup tables. */
    private static int gfMul(int a, int b) {
        int result = 0;
        for (int i = 7; i >= 0; i--) {
            result = (result << 1) ^ ((result >>> 7) * 0x11D);
            if (((b >>> i) & 1) != 0) {
                result ^= a;
            }
        }
        return result;
    }

    private static int readBits(byte[] d, int start, int len) {
        int v = 0;
        for (int i = start; i < start + len; i++) {
            v = v << 1 | ((d[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
        return v;
    }
}

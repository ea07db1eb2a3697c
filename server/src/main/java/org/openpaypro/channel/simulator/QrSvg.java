package org.openpaypro.channel.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Dependency-free QR Code (ISO/IEC 18004) encoder that renders to inline SVG, used by the sandbox cashier to show
 * PIX BR Codes. It encodes the UTF-8 bytes of the text in byte mode at error correction level M, picks the smallest
 * version (1..40) that fits, adds Reed-Solomon error correction over GF(256) (polynomial 0x11D), and chooses the
 * mask with the lowest penalty score.
 *
 * <p>Thread-safe: stateless, every call works on its own local arrays.
 */
public final class QrSvg {

    static final int MIN_VERSION = 1;
    static final int MAX_VERSION = 40;
    static final int QUIET_ZONE = 4;
    /** Format-info bits for error correction level M (L=01, M=00, Q=11, H=10). */
    static final int ECL_M_BITS = 0;

    /** Level M error correction codewords per block, indexed by version. */
    private static final int[] ECC_PER_BLOCK_M = {-1,
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28};
    /** Level M number of error correction blocks, indexed by version. */
    private static final int[] BLOCKS_M = {-1,
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49};

    private static final int[] GF_EXP = new int[512];
    private static final int[] GF_LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            GF_EXP[i] = x;
            GF_LOG[x] = i;
            x <<= 1;
            if (x >= 0x100) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < 512; i++) {
            GF_EXP[i] = GF_EXP[i - 255];
        }
    }

    private QrSvg() {
    }

    /**
     * Renders {@code text} as a standalone {@code <svg>} element (black modules on white, quiet zone of 4 modules).
     *
     * @param moduleSizePx pixel size of one module, 1..100
     */
    public static String svg(String text, int moduleSizePx) {
        if (moduleSizePx < 1 || moduleSizePx > 100) {
            throw new IllegalArgumentException("moduleSizePx must be in 1..100: " + moduleSizePx);
        }
        boolean[][] m = matrix(text);
        int n = m.length + 2 * QUIET_ZONE;
        int px = n * moduleSizePx;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m.length; x++) {
                if (m[y][x]) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px + "\" height=\"" + px
                + "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\" role=\"img\""
                + " aria-label=\"QR code\"><rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** The module matrix without quiet zone, indexed {@code [row][column]}; {@code true} is a dark module. */
    public static boolean[][] matrix(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int version = chooseVersion(data.length);
        byte[] codewords = addEccAndInterleave(encodeData(data, version), version);

        int size = size(version);
        boolean[][] modules = new boolean[size][size];
        boolean[][] function = new boolean[size][size];
        drawFunctionPatterns(modules, function, version);
        drawCodewords(modules, function, codewords);

        int bestMask = -1;
        long bestPenalty = Long.MAX_VALUE;
        for (int mask = 0; mask < 8; mask++) {
            applyMask(modules, function, mask);
            drawFormatBits(modules, function, mask);
            long p = penalty(modules);
            if (p < bestPenalty) {
                bestPenalty = p;
                bestMask = mask;
            }
            applyMask(modules, function, mask); // XOR again to undo
        }
        applyMask(modules, function, bestMask);
        drawFormatBits(modules, function, bestMask);
        return modules;
    }

    static int size(int version) {
        return 17 + 4 * version;
    }

    /** Smallest version whose level M byte-mode capacity holds {@code byteLen} bytes. */
    static int chooseVersion(int byteLen) {
        for (int v = MIN_VERSION; v <= MAX_VERSION; v++) {
            int bits = 4 + countBits(v) + 8 * byteLen;
            if (bits <= dataCodewords(v) * 8) {
                return v;
            }
        }
        throw new IllegalArgumentException("text too long for a QR code: " + byteLen + " bytes");
    }

    private static int countBits(int version) {
        return version <= 9 ? 8 : 16;
    }

    /** Number of modules available for data + ECC (after all function patterns), per Nayuki's formula. */
    static int rawDataModules(int version) {
        int result = (16 * version + 128) * version + 64;
        if (version >= 2) {
            int numAlign = version / 7 + 2;
            result -= (25 * numAlign - 10) * numAlign - 55;
            if (version >= 7) {
                result -= 36;
            }
        }
        return result;
    }

    static int dataCodewords(int version) {
        return rawDataModules(version) / 8 - ECC_PER_BLOCK_M[version] * BLOCKS_M[version];
    }

    static int[] alignmentPositions(int version) {
        if (version == 1) {
            return new int[0];
        }
        int numAlign = version / 7 + 2;
        int step = (version * 8 + numAlign * 3 + 5) / (numAlign * 4 - 4) * 2;
        int[] result = new int[numAlign];
        result[0] = 6;
        for (int i = numAlign - 1, pos = size(version) - 7; i >= 1; i--, pos -= step) {
            result[i] = pos;
        }
        return result;
    }

    /** Mode indicator, count, payload, terminator and pad bytes, as data codewords. */
    private static byte[] encodeData(byte[] data, int version) {
        int capacity = dataCodewords(version);
        byte[] out = new byte[capacity];
        int[] bitPos = {0};
        appendBits(out, bitPos, 0b0100, 4);
        appendBits(out, bitPos, data.length, countBits(version));
        for (byte b : data) {
            appendBits(out, bitPos, b & 0xFF, 8);
        }
        int capacityBits = capacity * 8;
        appendBits(out, bitPos, 0, Math.min(4, capacityBits - bitPos[0]));
        appendBits(out, bitPos, 0, (8 - bitPos[0] % 8) % 8);
        for (int pad = 0xEC; bitPos[0] < capacityBits; pad ^= 0xEC ^ 0x11) {
            appendBits(out, bitPos, pad, 8);
        }
        return out;
    }

    private static void appendBits(byte[] out, int[] bitPos, int value, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (((value >>> i) & 1) != 0) {
                out[bitPos[0] >>> 3] |= (byte) (0x80 >>> (bitPos[0] & 7));
            }
            bitPos[0]++;
        }
    }

    /** Splits data into blocks, appends Reed-Solomon ECC to each, and interleaves them. */
    static byte[] addEccAndInterleave(byte[] data, int version) {
        int numBlocks = BLOCKS_M[version];
        int eccLen = ECC_PER_BLOCK_M[version];
        int rawCodewords = rawDataModules(version) / 8;
        int numShortBlocks = numBlocks - rawCodewords % numBlocks;
        int shortBlockLen = rawCodewords / numBlocks;
        int[] generator = rsGenerator(eccLen);

        byte[][] blocks = new byte[numBlocks][];
        for (int i = 0, k = 0; i < numBlocks; i++) {
            int dataLen = shortBlockLen - eccLen + (i < numShortBlocks ? 0 : 1);
            byte[] block = new byte[shortBlockLen + 1];
            System.arraycopy(data, k, block, 0, dataLen);
            k += dataLen;
            byte[] ecc = rsRemainder(data, k - dataLen, dataLen, generator);
            // short blocks keep a gap at index dataLen so that all blocks line up for interleaving
            System.arraycopy(ecc, 0, block, shortBlockLen + 1 - eccLen, eccLen);
            blocks[i] = block;
        }
        byte[] result = new byte[rawCodewords];
        int r = 0;
        for (int i = 0; i <= shortBlockLen; i++) {
            for (int j = 0; j < numBlocks; j++) {
                if (i != shortBlockLen - eccLen || j >= numShortBlocks) {
                    result[r++] = blocks[j][i];
                }
            }
        }
        return result;
    }

    /** Generator polynomial coefficients (highest degree first, leading 1 omitted) with roots a^0..a^(degree-1). */
    static int[] rsGenerator(int degree) {
        int[] poly = new int[degree];
        poly[degree - 1] = 1; // start with the monomial x^0 as the lowest coefficient
        int root = 1;
        for (int i = 0; i < degree; i++) {
            // multiply the current polynomial by (x - root)
            for (int j = 0; j < degree; j++) {
                poly[j] = gfMul(poly[j], root);
                if (j + 1 < degree) {
                    poly[j] ^= poly[j + 1];
                }
            }
            root = gfMul(root, 2);
        }
        return poly;
    }

    /** Remainder of data(x) * x^degree divided by the generator: the ECC codewords. */
    static byte[] rsRemainder(byte[] data, int off, int len, int[] generator) {
        int degree = generator.length;
        int[] rem = new int[degree];
        for (int i = off; i < off + len; i++) {
            int factor = (data[i] & 0xFF) ^ rem[0];
            System.arraycopy(rem, 1, rem, 0, degree - 1);
            rem[degree - 1] = 0;
            for (int j = 0; j < degree; j++) {
                rem[j] ^= gfMul(generator[j], factor);
            }
        }
        byte[] out = new byte[degree];
        for (int i = 0; i < degree; i++) {
            out[i] = (byte) rem[i];
        }
        return out;
    }

    static int gfMul(int a, int b) {
        return a == 0 || b == 0 ? 0 : GF_EXP[GF_LOG[a] + GF_LOG[b]];
    }

    private static void drawFunctionPatterns(boolean[][] m, boolean[][] f, int version) {
        int size = m.length;
        for (int i = 0; i < size; i++) {
            set(m, f, 6, i, i % 2 == 0);
            set(m, f, i, 6, i % 2 == 0);
        }
        drawFinder(m, f, 3, 3);
        drawFinder(m, f, size - 4, 3);
        drawFinder(m, f, 3, size - 4);
        int[] align = alignmentPositions(version);
        int n = align.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean overlapsFinder = i == 0 && j == 0 || i == 0 && j == n - 1 || i == n - 1 && j == 0;
                if (!overlapsFinder) {
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            set(m, f, align[i] + dx, align[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
                        }
                    }
                }
            }
        }
        drawFormatBits(m, f, 0); // reserve the format areas; real bits are drawn after masking
        if (version >= 7) {
            int rem = version;
            for (int i = 0; i < 12; i++) {
                rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
            }
            int bits = version << 12 | rem;
            for (int i = 0; i < 18; i++) {
                boolean bit = ((bits >>> i) & 1) != 0;
                int a = size - 11 + i % 3;
                int b = i / 3;
                set(m, f, a, b, bit);
                set(m, f, b, a, bit);
            }
        }
    }

    private static void drawFinder(boolean[][] m, boolean[][] f, int cx, int cy) {
        int size = m.length;
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int x = cx + dx;
                int y = cy + dy;
                if (x >= 0 && x < size && y >= 0 && y < size) {
                    int dist = Math.max(Math.abs(dx), Math.abs(dy));
                    set(m, f, x, y, dist != 2 && dist != 4);
                }
            }
        }
    }

    /** 15-bit format word: 2 ECL bits + 3 mask bits, BCH(15,5) protected and XOR-ed with 0x5412. */
    static int formatBits(int mask) {
        int data = ECL_M_BITS << 3 | mask;
        int rem = data;
        for (int i = 0; i < 10; i++) {
            rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
        }
        return (data << 10 | rem) ^ 0x5412;
    }

    private static void drawFormatBits(boolean[][] m, boolean[][] f, int mask) {
        int bits = formatBits(mask);
        int size = m.length;
        for (int i = 0; i <= 5; i++) {
            set(m, f, 8, i, bit(bits, i));
        }
        set(m, f, 8, 7, bit(bits, 6));
        set(m, f, 8, 8, bit(bits, 7));
        set(m, f, 7, 8, bit(bits, 8));
        for (int i = 9; i < 15; i++) {
            set(m, f, 14 - i, 8, bit(bits, i));
        }
        for (int i = 0; i < 8; i++) {
            set(m, f, size - 1 - i, 8, bit(bits, i));
        }
        for (int i = 8; i < 15; i++) {
            set(m, f, 8, size - 15 + i, bit(bits, i));
        }
        set(m, f, 8, size - 8, true); // the "dark module"
    }

    private static boolean bit(int value, int i) {
        return ((value >>> i) & 1) != 0;
    }

    /** Sets module at column x, row y and marks it as a function module. */
    private static void set(boolean[][] m, boolean[][] f, int x, int y, boolean dark) {
        m[y][x] = dark;
        f[y][x] = true;
    }

    /** Places codeword bits in the two-column zigzag, skipping function modules and the vertical timing column. */
    private static void drawCodewords(boolean[][] m, boolean[][] f, byte[] data) {
        int size = m.length;
        int i = 0;
        for (int right = size - 1; right >= 1; right -= 2) {
            if (right == 6) {
                right = 5;
            }
            for (int vert = 0; vert < size; vert++) {
                for (int j = 0; j < 2; j++) {
                    int x = right - j;
                    boolean upward = ((right + 1) & 2) == 0;
                    int y = upward ? size - 1 - vert : vert;
                    if (!f[y][x] && i < data.length * 8) {
                        m[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) != 0;
                        i++;
                    }
                    // remainder bits (if any) stay light
                }
            }
        }
    }

    static boolean maskBit(int mask, int x, int y) {
        switch (mask) {
            case 0: return (x + y) % 2 == 0;
            case 1: return y % 2 == 0;
            case 2: return x % 3 == 0;
            case 3: return (x + y) % 3 == 0;
            case 4: return (x / 3 + y / 2) % 2 == 0;
            case 5: return x * y % 2 + x * y % 3 == 0;
            case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
            case 7: return ((x + y) % 2 + x * y % 3) % 2 == 0;
            default: throw new IllegalArgumentException("mask " + mask);
        }
    }

    private static void applyMask(boolean[][] m, boolean[][] f, int mask) {
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m.length; x++) {
                if (!f[y][x] && maskBit(mask, x, y)) {
                    m[y][x] = !m[y][x];
                }
            }
        }
    }

    /** ISO 18004 penalty rules N1 (runs), N2 (2x2 blocks), N3 (finder-like patterns) and N4 (dark balance). */
    static long penalty(boolean[][] m) {
        int size = m.length;
        long result = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < size; a++) {
                int run = 1;
                for (int b = 1; b < size; b++) {
                    if (at(m, pass, a, b) == at(m, pass, a, b - 1)) {
                        run++;
                    } else {
                        result += run >= 5 ? run - 2 : 0;
                        run = 1;
                    }
                }
                result += run >= 5 ? run - 2 : 0;
                for (int b = 0; b + 11 <= size; b++) {
                    if (finderLike(m, pass, a, b)) {
                        result += 40;
                    }
                }
            }
        }
        int dark = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (m[y][x]) {
                    dark++;
                }
                if (x + 1 < size && y + 1 < size && m[y][x] == m[y][x + 1] && m[y][x] == m[y + 1][x]
                        && m[y][x] == m[y + 1][x + 1]) {
                    result += 3;
                }
            }
        }
        long total = (long) size * size;
        long k = (Math.abs(dark * 20L - total * 10L) + total - 1) / total - 1;
        result += k * 10;
        return result;
    }

    private static final String FINDER_BEFORE = "00001011101";
    private static final String FINDER_AFTER = "10111010000";

    /** True iff the 11 modules from offset b are 1:1:3:1:1 preceded or followed by four light modules. */
    private static boolean finderLike(boolean[][] m, int pass, int a, int b) {
        boolean before = true;
        boolean after = true;
        for (int i = 0; i < 11; i++) {
            boolean dark = at(m, pass, a, b + i);
            before &= dark == (FINDER_BEFORE.charAt(i) == '1');
            after &= dark == (FINDER_AFTER.charAt(i) == '1');
        }
        return before || after;
    }

    /** Pass 0 walks rows, pass 1 walks columns. */
    private static boolean at(boolean[][] m, int pass, int a, int b) {
        return pass == 0 ? m[a][b] : m[b][a];
    }
}

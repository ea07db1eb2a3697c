/**
 * A strict reader for flat JSON objects (callback bodies), written because `JSON.parse` loses what a signature
 * needs: the literal text of numbers (`1000.0000` would become `1000`) and duplicate keys (the last one silently
 * wins, so the signed value and the acted-on value could differ). Every value comes back as the text that was
 * signed: strings unescaped, numbers and booleans as written, `null` as `null`. Objects and arrays are refused.
 *
 * Pure functions; safe to call from anywhere.
 */

/** Thrown for a body that is not one flat JSON object; the message says where and why. */
export class FlatJsonError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "FlatJsonError";
    }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

class Reader {
    private position = 0;

    constructor(private readonly text: string) {
    }

    object(): Map<string, string | null> {
        const fields = new Map<string, string | null>();
        this.skipWhitespace();
        this.expect("{", "a JSON object");
        this.skipWhitespace();
        if (this.peek() === "}") {
            this.position++;
        } else {
            for (;;) {
                this.skipWhitespace();
                const key = this.string();
                this.skipWhitespace();
                this.expect(":", "':' after a key");
                this.skipWhitespace();
                const value = this.value(key);
                if (fields.has(key)) {
                    throw new FlatJsonError(`field '${key}' appears twice`);
                }
                fields.set(key, value);
                this.skipWhitespace();
                if (this.peek() === ",") {
                    this.position++;
                    continue;
                }
                this.expect("}", "',' or '}'");
                break;
            }
        }
        this.skipWhitespace();
        if (this.position !== this.text.length) {
            throw new FlatJsonError(`content after the JSON object at offset ${this.position}`);
        }
        return fields;
    }

    private value(key: string): string | null {
        const next = this.peek();
        if (next === '"') {
            return this.string();
        }
        if (next === "{" || next === "[") {
            throw new FlatJsonError(`field '${key}' is an object or array; the body must be flat`);
        }
        for (const literal of ["true", "false", "null"]) {
            if (this.text.startsWith(literal, this.position)) {
                this.position += literal.length;
                return literal === "null" ? null : literal;
            }
        }
        NUMBER.lastIndex = this.position;
        const match = NUMBER.exec(this.text);
        if (match === null) {
            throw new FlatJsonError(`field '${key}' has no valid JSON value at offset ${this.position}`);
        }
        this.position += match[0].length;
        return match[0];
    }

    private string(): string {
        this.expect('"', "a string");
        let result = "";
        for (;;) {
            const unit = this.text.charCodeAt(this.position);
            if (Number.isNaN(unit)) {
                throw new FlatJsonError("unterminated string");
            }
            if (unit === 0x22) {
                this.position++;
                return result;
            }
            if (unit < 0x20) {
                throw new FlatJsonError(`control character in a string at offset ${this.position}`);
            }
            if (unit === 0x5c) {
                result += this.escape();
            } else {
                result += this.text[this.position];
                this.position++;
            }
        }
    }

    private escape(): string {
        const code = this.text[this.position + 1];
        this.position += 2;
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r",
            t: "\t" };
        if (code !== undefined && code in simple) {
            return simple[code] as string;
        }
        if (code === "u") {
            const hex = this.text.slice(this.position, this.position + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
                throw new FlatJsonError(`bad \\u escape at offset ${this.position - 2}`);
            }
            this.position += 4;
            return String.fromCharCode(parseInt(hex, 16));
        }
        throw new FlatJsonError(`bad escape at offset ${this.position - 2}`);
    }

    private expect(character: string, what: string): void {
        if (this.peek() !== character) {
            throw new FlatJsonError(`expected ${what} at offset ${this.position}`);
        }
        this.position++;
    }

    private peek(): string | undefined {
        return this.text[this.position];
    }

    private skipWhitespace(): void {
        WHITESPACE.lastIndex = this.position;
        WHITESPACE.exec(this.text);
        this.position = WHITESPACE.lastIndex;
    }
}

/**
 * Reads one flat JSON object, keeping key order and the signed text of every value.
 *
 * @throws FlatJsonError for anything else (nested values, duplicate keys, trailing content, bad syntax)
 */
export function parseFlatObject(text: string): Map<string, string | null> {
    return new Reader(text).object();
}

/**
 * Decodes bytes as strict UTF-8 (a byte-order mark or an invalid sequence is refused, never repaired).
 *
 * @throws FlatJsonError when the bytes are not UTF-8
 */
export function decodeUtf8(bytes: Uint8Array): string {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        throw new FlatJsonError("body starts with a byte-order mark");
    }
    try {
        return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        throw new FlatJsonError("body is not valid UTF-8");
    }
}

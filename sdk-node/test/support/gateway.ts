/**
 * The real gateway for the end-to-end tests: the packaged server jar (built by Maven, never by these tests) run as
 * a child process in sandbox mode on a free 127.0.0.1 port with a fresh data directory (its own embedded
 * PostgreSQL), like server/src/test/java/org/openpaypro/testing/ServerProcess.java. Plus the operator API calls the
 * tests need (merchants, adjustments, sandbox completion, trade view, ledger check).
 *
 * One instance per test file; not shared across processes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SDK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SERVER_JAR = process.env["OPENPAYPRO_SERVER_JAR"]
    ?? resolve(SDK_ROOT, "..", "server", "target", "openpaypro-server.jar");
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const ADMIN_TOKEN = "sdk-node-test-admin-token-0123456789";

export interface TestMerchant {
    readonly merchantNo: string;
    readonly secretKey: string;
    readonly country: string;
}

export interface AdminAnswer {
    readonly status: number;
    readonly json: Record<string, unknown>;
}

async function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => typeof address === "object" && address !== null ? resolvePort(address.port)
                : reject(new Error("no port")));
        });
    });
}

function javaCommand(): string {
    const home = process.env["JAVA_HOME"];
    return home !== undefined && existsSync(join(home, "bin", "java")) ? join(home, "bin", "java") : "java";
}

export class Gateway {
    private exited = false;

    private constructor(private readonly child: ChildProcess, readonly port: number, readonly dataDir: string) {
        child.once("exit", () => {
            this.exited = true;
        });
        // If the test process dies without its after-hook, the server must not outlive it.
        process.once("exit", () => {
            if (!this.exited) {
                child.kill("SIGKILL");
            }
        });
    }

    get baseUrl(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    /** Starts the jar and waits until `/health` answers 200. */
    static async start(extraEnv: Record<string, string> = {}): Promise<Gateway> {
        if (!existsSync(SERVER_JAR)) {
            throw new Error(`server jar not found at ${SERVER_JAR}: build it first with `
                + "`mvn -B -q package -DskipTests` at the repository root (.ci/run does), or point "
                + "OPENPAYPRO_SERVER_JAR at it");
        }
        const port = await freePort();
        const dataDir = mkdtempSync(join(tmpdir(), "openpaypro-sdk-node-"));
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries(process.env)) {
            if (!key.startsWith("OPENPAYPRO_") && value !== undefined) {
                env[key] = value;
            }
        }
        Object.assign(env, {
            OPENPAYPRO_MODE: "sandbox",
            OPENPAYPRO_HTTP_PORT: String(port),
            OPENPAYPRO_DATA_DIR: dataDir,
            OPENPAYPRO_ADMIN_TOKEN: ADMIN_TOKEN,
            OPENPAYPRO_PUBLIC_URL: `http://127.0.0.1:${port}`,
            // Payouts wait for the sandbox API, so each test decides their outcome.
            OPENPAYPRO_SIMULATOR_AUTOCOMPLETE: "off",
            OPENPAYPRO_NOTIFY_SCHEDULE: "1s,2s,5s",
            OPENPAYPRO_DB_POOL_SIZE: "4",
            OPENPAYPRO_NOTIFY_WORKERS: "4",
        }, extraEnv);
        const log = openSync(join(dataDir, "server.log"), "a");
        const child = spawn(javaCommand(), ["-Xmx384m", "-jar", SERVER_JAR], { env, stdio: ["ignore", log, log] });
        const gateway = new Gateway(child, port, dataDir);
        await gateway.waitUntilHealthy();
        return gateway;
    }

    private async waitUntilHealthy(): Promise<void> {
        const deadline = Date.now() + START_TIMEOUT_MS;
        while (Date.now() < deadline) {
            if (this.exited) {
                throw new Error(`server exited during start; log:\n${this.logTail()}`);
            }
            try {
                const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
                if (response.status === 200) {
                    return;
                }
            } catch {
                // not listening yet
            }
            await new Promise((wait) => setTimeout(wait, 250));
        }
        await this.stop();
        throw new Error(`server not healthy within ${START_TIMEOUT_MS} ms; log:\n${this.logTail()}`);
    }

    logTail(): string {
        try {
            return readFileSync(join(this.dataDir, "server.log"), "utf8").split("\n").slice(-40).join("\n");
        } catch {
            return "(no log)";
        }
    }

    /** SIGTERM, wait for the exit (SIGKILL after a minute), then remove the data directory. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise<void>((done) => this.child.once("exit", () => done()));
            this.child.kill("SIGTERM");
            const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
            await exited;
            clearTimeout(timer);
        }
        rmSync(this.dataDir, { recursive: true, force: true });
    }

    async admin(method: string, path: string, body?: unknown): Promise<AdminAnswer> {
        const init: RequestInit = { method, headers: { "Authorization": `Bearer ${ADMIN_TOKEN}`,
            "Content-Type": "application/json" }, signal: AbortSignal.timeout(15_000) };
        if (body !== undefined) {
            init.body = JSON.stringify(body);
        }
        const response = await fetch(this.baseUrl + path, init);
        const text = await response.text();
        return { status: response.status, json: text === "" ? {} : JSON.parse(text) as Record<string, unknown> };
    }

    /** A merchant of `country`, funded with `funds` (an adjustment) when given. */
    async merchant(country: string, funds?: string, settings: Record<string, string> = {}): Promise<TestMerchant> {
        const created = await this.admin("POST", "/admin/v1/merchants", { name: `SDK test ${country}`, country,
            ...settings });
        if (created.status !== 201) {
            throw new Error(`merchant creation answered ${created.status}: ${JSON.stringify(created.json)}`);
        }
        const merchant = { merchantNo: String(created.json["merchantNo"]), secretKey: String(created.json["secretKey"]),
            country };
        if (funds !== undefined) {
            const adjusted = await this.admin("POST", `/admin/v1/merchants/${merchant.merchantNo}/adjustments`,
                { amount: funds, reason: "sdk-node test funds" });
            if (adjusted.status !== 201) {
                throw new Error(`adjustment answered ${adjusted.status}: ${JSON.stringify(adjusted.json)}`);
            }
        }
        return merchant;
    }

    /** The sandbox API: forces the outcome of a trade. */
    async complete(platFormTradeNo: string, status: string, message?: string): Promise<AdminAnswer> {
        const answer = await this.admin("POST", `/sandbox/v1/trades/${platFormTradeNo}/complete`,
            message === undefined ? { status } : { status, message });
        if (answer.status !== 200) {
            throw new Error(`sandbox complete answered ${answer.status}: ${JSON.stringify(answer.json)}`);
        }
        return answer;
    }

    async trade(platFormTradeNo: string): Promise<Record<string, unknown>> {
        return (await this.admin("GET", `/admin/v1/trades/${platFormTradeNo}`)).json;
    }

    /** Polls the operator view until the trade's callback is delivered; returns its attempt log. */
    async deliveredNotification(platFormTradeNo: string, timeoutMs = 30_000):
            Promise<Array<Record<string, unknown>>> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const notifications = (await this.trade(platFormTradeNo))["notifications"] as
                Array<Record<string, unknown>> | undefined;
            const delivered = notifications?.find((notification) => notification["status"] === "DELIVERED");
            if (delivered !== undefined) {
                return delivered["attemptLog"] as Array<Record<string, unknown>>;
            }
            if (Date.now() > deadline) {
                throw new Error(`callback of ${platFormTradeNo} not delivered within ${timeoutMs} ms: `
                    + JSON.stringify(notifications));
            }
            await new Promise((wait) => setTimeout(wait, 100));
        }
    }

    async ledgerCheck(): Promise<Record<string, unknown>> {
        return (await this.admin("GET", "/admin/v1/ledger/check")).json;
    }
}

/**
 * The merchant's notify endpoint for the end-to-end tests: a `node:http` server on 127.0.0.1 whose routes are the
 * SDK's own {@link notifyHandler}, one per merchant (`/notify/<merchantNo>`). With `?raw=1` the body is first read
 * into `req.body` as a Buffer, the way Express's `express.raw()` leaves it, so both ways of getting the raw body are
 * exercised. Received callbacks are kept per `tradeNo` for the tests to await.
 *
 * One instance per test file.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CountryCode, type Notification, NotifyVerifier, notifyHandler } from "../../src/index.js";

type Handler = ReturnType<typeof notifyHandler>;

export class NotifyReceiver {
    private readonly handlers = new Map<string, Handler>();
    private readonly received = new Map<string, Notification[]>();
    private readonly waiters = new Map<string, Array<(notification: Notification) => void>>();
    readonly refusals: string[] = [];

    private constructor(private readonly server: Server) {
    }

    static async start(): Promise<NotifyReceiver> {
        let receiver: NotifyReceiver | undefined;
        const server = createServer((request, response) => void receiver?.route(request, response));
        receiver = new NotifyReceiver(server);
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
        return receiver;
    }

    get baseUrl(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    /** Routes callbacks for a merchant to a handler built with its secret; returns the notifyUrl to send. */
    register(merchantNo: string, secretKey: string, country: CountryCode, raw = false): string {
        this.handlers.set(merchantNo, notifyHandler({
            verifier: new NotifyVerifier(secretKey),
            country,
            onNotification: (notification) => this.deliver(notification),
            onError: (error) => this.refusals.push(String(error)),
        }));
        return `${this.baseUrl}/notify/${merchantNo}${raw ? "?raw=1" : ""}`;
    }

    /** Resolves with the next callback for `tradeNo` (or one already received and not yet taken). */
    next(tradeNo: string, timeoutMs = 30_000): Promise<Notification> {
        const queued = this.received.get(tradeNo);
        if (queued !== undefined && queued.length > 0) {
            return Promise.resolve(queued.shift() as Notification);
        }
        return new Promise((resolveNotification, reject) => {
            const timer = setTimeout(() => reject(new Error(`no callback for ${tradeNo} within ${timeoutMs} ms; `
                + `refusals: ${JSON.stringify(this.refusals)}`)), timeoutMs);
            const list = this.waiters.get(tradeNo) ?? [];
            list.push((notification) => {
                clearTimeout(timer);
                resolveNotification(notification);
            });
            this.waiters.set(tradeNo, list);
        });
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections?.();
        await new Promise<void>((closed) => this.server.close(() => closed()));
    }

    private deliver(notification: Notification): void {
        const waiting = this.waiters.get(notification.tradeNo);
        if (waiting !== undefined && waiting.length > 0) {
            (waiting.shift() as (n: Notification) => void)(notification);
            return;
        }
        const list = this.received.get(notification.tradeNo) ?? [];
        list.push(notification);
        this.received.set(notification.tradeNo, list);
    }

    private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const url = new URL(request.url ?? "/", this.baseUrl);
        const handler = this.handlers.get(url.pathname.replace(/^\/notify\//, ""));
        if (handler === undefined) {
            response.statusCode = 404;
            response.end("no such merchant");
            return;
        }
        if (url.searchParams.get("raw") === "1") {
            const chunks: Buffer[] = [];
            for await (const chunk of request) {
                chunks.push(chunk as Buffer);
            }
            (request as IncomingMessage & { body?: Buffer }).body = Buffer.concat(chunks);
        }
        await handler(request, response);
    }
}

package org.openpaypro.logs;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one line: a JSON object (JSON lines, for log shippers) or readable text (a terminal),
 * chosen once at start by {@link LogFormat#jsonLines()}. Text lines show the MDC, not the key-value pairs (the
 * message says it all there). A JSON line holds {@code @timestamp} (ISO-8601 UTC),
 * {@code level}, {@code logger}, {@code thread}, {@code message}, the MDC ({@code requestId}, {@code merchantNo},
 * {@code platFormTradeNo}), the event's key-value pairs, and {@code stack} with the whole stack trace inside the
 * string, so an exception never breaks the one-line rule. Thread-safe once started (Logback calls it under the
 * appender's lock; every call builds its own buffer).
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    /** The MDC keys written first, in this order, so lines read alike. */
    private static final List<String> FIRST = List.of(RequestIds.REQUEST_ID, RequestIds.MERCHANT_NO,
            RequestIds.TRADE_NO);
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);
    private boolean json;

    @Override
    public void start() {
        json = LogFormat.jsonLines();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return json ? jsonLine(event) : textLine(event).getBytes(StandardCharsets.UTF_8);
    }

    /** One JSON object and a newline. */
    public static byte[] jsonLine(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = JSON.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("thread", event.getThreadName());
            line.writeStringField("message", event.getFormattedMessage());
            Map<String, String> mdc = event.getMDCPropertyMap();
            for (String key : FIRST) {
                if (mdc.get(key) != null) {
                    line.writeStringField(key, mdc.get(key));
                }
            }
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!FIRST.contains(entry.getKey())) {
                    line.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (pair.value instanceof Long || pair.value instanceof Integer) {
                        line.writeNumberField(pair.key, ((Number) pair.value).longValue());
                    } else {
                        line.writeStringField(pair.key, String.valueOf(pair.value));
                    }
                }
            }
            if (event.getThrowableProxy() != null) {
                line.writeStringField("stack", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * A line of the same shape written outside Logback (the start-up block in JSON mode, printed whatever the log
     * level, like the text block): INFO, thread {@code main}, {@code fields} after the message.
     */
    public static String line(String logger, String message, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator line = JSON.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("@timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            line.writeStringField("level", "INFO");
            line.writeStringField("logger", logger);
            line.writeStringField("thread", Thread.currentThread().getName());
            line.writeStringField("message", message);
            for (Map.Entry<String, String> field : fields.entrySet()) {
                line.writeStringField(field.getKey(), field.getValue());
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String textLine(ILoggingEvent event) {
        String level = event.getLevel().toString();
        StringBuilder line = new StringBuilder(160)
                .append(TEXT_TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
                .append(level).append("     ", Math.min(5, level.length()), 5) // "%-5s" without a Formatter
                .append(" [").append(event.getThreadName()).append("] ")
                .append(abbreviator.abbreviate(event.getLoggerName())).append(" - ")
                .append(event.getFormattedMessage());
        StringBuilder context = new StringBuilder();
        event.getMDCPropertyMap().forEach((key, value) -> context.append(' ').append(key).append('=').append(value));
        if (context.length() > 0) {
            line.append("  {").append(context.substring(1)).append('}');
        }
        line.append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }
}

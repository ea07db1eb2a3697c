package org.openpaypro.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statements of a PostgreSQL log ({@code log_statement = 'all'}, {@code log_line_prefix = '%m [%p] %v '}),
 * with their bind values, groups them into transactions by (pid, virtual transaction id) and tells which belong to a
 * request. Pure functions.
 */
final class PgLog {
    static final String LINE_PREFIX = "%m [%p] %v ";

    private static final Pattern RECORD = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)? \\S+ \\[(\\d+)\\] (\\S*) ?([A-Z]+\\d?):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:\\s]*): (.*)$",
            Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|([^,]+)");
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (NULL|'((?:[^']|'')*)')",
            Pattern.DOTALL);

    /** One statement as the server sent it; a null parameter is SQL NULL. */
    record Statement(long pid, String vxid, String sql, List<String> parameters) {
        /** BEGIN, START, COMMIT, END or ROLLBACK. */
        boolean isControl() {
            return sql.trim().toUpperCase(Locale.ROOT).matches("(?s)(BEGIN|START|COMMIT|END|ROLLBACK)\\b.*");
        }
    }

    /** The statements one backend ran under one virtual transaction id, in order. */
    record Transaction(long pid, String vxid, List<Statement> statements) {
        /** Statements other than BEGIN/COMMIT/ROLLBACK. */
        List<Statement> work() {
            return statements.stream().filter(statement -> !statement.isControl()).toList();
        }

        /** A parameter is {@code value}, or an array parameter (a batched statement) holds it as an element. */
        boolean mentions(String value) {
            return statements.stream().flatMap(statement -> statement.parameters().stream())
                    .anyMatch(parameter -> value.equals(parameter) || elements(parameter).contains(value));
        }
    }

    private PgLog() {
    }

    static List<Statement> parse(String text) {
        List<Statement> statements = new ArrayList<>();
        Map<Long, Integer> lastByPid = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; ) {
            Matcher record = RECORD.matcher(lines[i++]);
            if (!record.matches()) {
                continue;
            }
            StringBuilder message = new StringBuilder(record.group(4));
            for (; i < lines.length && lines[i].startsWith("\t"); i++) {
                message.append('\n').append(lines[i], 1, lines[i].length());
            }
            long pid = Long.parseLong(record.group(1));
            Matcher statement = STATEMENT.matcher(message);
            Integer last = lastByPid.get(pid);
            if (record.group(3).equals("LOG") && statement.matches()) {
                statements.add(new Statement(pid, record.group(2), statement.group(1), List.of()));
                lastByPid.put(pid, statements.size() - 1);
            } else if (record.group(3).equals("DETAIL") && message.indexOf("parameters: ") == 0 && last != null
                    && statements.get(last).parameters().isEmpty()) {
                Statement previous = statements.get(last);
                statements.set(last, new Statement(pid, previous.vxid(), previous.sql(),
                        parameters(message.substring("parameters: ".length()))));
            }
        }
        return statements;
    }

    /** {@code $1 = 'a', $2 = NULL, $3 = 'it''s'} → ["a", null, "it's"], by parameter number. */
    static List<String> parameters(String text) {
        List<String> values = new ArrayList<>();
        // each match takes a whole quoted value, so a "$2 = " inside one is never read as a parameter
        for (Matcher matcher = PARAMETER.matcher(text); matcher.find(); ) {
            int number = Integer.parseInt(matcher.group(1));
            while (values.size() < number) {
                values.add(null);
            }
            values.set(number - 1, matcher.group(3) == null ? null : matcher.group(3).replace("''", "'"));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * The elements of an array parameter as PostgreSQL prints it ({@code {1,"a b","\\x3a"}} → 1, a b, \x3a);
     * an unquoted NULL is null (a quoted "NULL" is the text); empty for anything that is not an array.
     */
    static List<String> elements(String parameter) {
        List<String> elements = new ArrayList<>();
        if (parameter != null && parameter.startsWith("{") && parameter.endsWith("}")) {
            Matcher element = ELEMENT.matcher(parameter.substring(1, parameter.length() - 1));
            while (element.find()) {
                elements.add(element.group(1) != null ? element.group(1).replaceAll("\\\\(.)", "$1")
                        : element.group(2).equals("NULL") ? null : element.group(2));
            }
        }
        return elements;
    }

    /** Groups statements by (pid, vxid) in order of each group's first statement. */
    static List<Transaction> transactions(List<Statement> statements) {
        Map<String, List<Statement>> groups = new LinkedHashMap<>();
        statements.forEach(statement -> groups.computeIfAbsent(statement.pid() + " " + statement.vxid(),
                key -> new ArrayList<>()).add(statement));
        return groups.values().stream().map(group -> new Transaction(group.get(0).pid(), group.get(0).vxid(),
                List.copyOf(group))).toList();
    }

    /**
     * The transactions of one request: those whose parameters mention one of its identifiers and which are not
     * background work ({@code background}: statement templates seen while the gateway was idle).
     */
    static List<Transaction> linked(List<Transaction> all, Collection<String> identifiers, Set<String> background) {
        return all.stream().filter(transaction -> !isBackground(transaction, background)
                && identifiers.stream().anyMatch(transaction::mentions)).toList();
    }

    static boolean isBackground(Transaction transaction, Set<String> background) {
        List<Statement> work = transaction.work();
        return !work.isEmpty() && work.stream().allMatch(statement -> background.contains(template(statement.sql())));
    }

    /** The SQL with whitespace collapsed: the same statement from two places compares equal. */
    static String template(String sql) {
        return sql.trim().replaceAll("\\s+", " ");
    }
}
